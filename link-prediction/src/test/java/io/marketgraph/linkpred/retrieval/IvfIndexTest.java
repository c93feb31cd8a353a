package io.marketgraph.linkpred.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvfIndexTest {

    private static final int N = 6000;
    private static final int DIM = 32;

    @TempDir
    Path tmp;

    /** Gaussian clusters on the sphere: closer to real embeddings than uniform noise. */
    private static float[] clustered(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[60][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        float[] v = new float[N * DIM];
        for (int i = 0; i < N; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            for (int d = 0; d < DIM; d++) {
                v[i * DIM + d] = c[d] + 0.35f * (float) random.nextGaussian();
            }
        }
        return v;
    }

    @Test
    void recall_against_exact_search_is_high_and_rises_to_one_with_all_cells() {
        float[] v = clustered(1);
        int[] all = IntStream.range(0, N).toArray();
        IvfIndex index = IvfIndex.build(v, DIM, all, IvfIndex.defaultCells(N), 7);
        ExactTopK exact = new ExactTopK(new EmbeddingStore(DIM, v, NodeTable.untyped(ids())), all);

        double recall8 = 0;
        double recallAll = 0;
        int queries = 200;
        for (int q = 0; q < queries; q++) {
            Set<Integer> truth = new HashSet<>();
            for (int n : exact.search(v, q * DIM, 10, x -> false)) {
                truth.add(n);
            }
            recall8 += overlap(index.search(v, q * DIM, 10, 8, x -> true).nodes(), truth) / 10.0;
            recallAll += overlap(index.search(v, q * DIM, 10, index.cells(), x -> true).nodes(), truth) / 10.0;
        }
        assertTrue(recall8 / queries >= 0.95, "recall@10 with nprobe 8: " + recall8 / queries);
        assertEquals(1.0, recallAll / queries, 1e-9, "scanning every cell is exact search");
    }

    @Test
    void filters_are_applied_inside_the_scan_and_k_results_still_come_back() {
        float[] v = clustered(2);
        IvfIndex index = IvfIndex.build(v, DIM, IntStream.range(0, N).toArray(), 40, 3);
        IvfIndex.Hits hits = index.search(v, 0, 15, 40, n -> n % 3 == 0);
        assertEquals(15, hits.nodes().length);
        for (int n : hits.nodes()) {
            assertEquals(0, n % 3);
        }
        for (int i = 1; i < hits.scores().length; i++) {
            assertTrue(hits.scores()[i - 1] >= hits.scores()[i], "best first");
        }
    }

    @Test
    void same_seed_same_index_and_a_written_index_reads_back_identically() {
        float[] v = clustered(3);
        int[] nodes = IntStream.range(0, N).filter(n -> n % 2 == 1).toArray();
        IvfIndex a = IvfIndex.build(v, DIM, nodes, 50, 11);
        IvfIndex b = IvfIndex.build(v, DIM, nodes, 50, 11);
        a.write(tmp.resolve("a.ivf"));
        IvfIndex back = IvfIndex.read(tmp.resolve("a.ivf"));
        for (int q = 0; q < 20; q++) {
            int[] expected = a.search(v, q * DIM, 10, 5, x -> true).nodes();
            assertArrayEquals(expected, b.search(v, q * DIM, 10, 5, x -> true).nodes());
            assertArrayEquals(expected, back.search(v, q * DIM, 10, 5, x -> true).nodes());
        }
    }

    @Test
    void a_truncated_index_is_refused() throws IOException {
        float[] v = clustered(4);
        IvfIndex.build(v, DIM, IntStream.range(0, 100).toArray(), 4, 1).write(tmp.resolve("x.ivf"));
        try (FileChannel ch = FileChannel.open(tmp.resolve("x.ivf"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> IvfIndex.read(tmp.resolve("x.ivf")))
                .getMessage().contains("is not a complete ANN index"));
    }

    private static int overlap(int[] found, Set<Integer> truth) {
        int n = 0;
        for (int f : found) {
            if (truth.contains(f)) {
                n++;
            }
        }
        return n;
    }

    private static String[] ids() {
        String[] ids = new String[N];
        for (int i = 0; i < N; i++) {
            ids[i] = Integer.toString(i);
        }
        return ids;
    }
}
