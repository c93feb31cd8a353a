package io.marketgraph.embeddings.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.progress.ProgressTracker;

import io.marketgraph.embeddings.TestGraphs;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.WalkCorpus;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.NodeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Spark class (about 40 s): the distributed walks written to files equal the in-process ones; Parquet export. */
class SparkWalksTest {

    /** ego-Facebook from the shared datasets beside the repository (../shared/datasets of the clone). */
    private static final Path FACEBOOK = sharedDataset("facebook/edges.tsv");

    private static Path sharedDataset(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets").resolve(file);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/datasets/" + file + " in " + Path.of("").toAbsolutePath() + " or above it");
    }

    @TempDir
    Path tmp;

    @Test
    void spark_walks_on_local2_are_written_as_files_equal_to_in_process_walks_and_parquet_round_trips() {
        CsrGraph weighted = CsrBuilder.build(TestGraphs.edges(16, new int[][] {
                {0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 2}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {3, 4},
                {8, 9}, {9, 10}, {10, 11}, {11, 8}, {7, 8}, {12, 13}, {13, 14}, {14, 15}, {15, 12}, {11, 12}},
                new float[] {1, 2, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 1, 2, 1, 5, 1, 1, 2, 1}), false).graph();
        WalkConfig config = new WalkConfig(3, 15, 0.5, 2.0, 21L);
        SparkSession spark = SparkEmbedding.session("local[2]");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            assertSameWalks(new BiasedWalker(weighted, config),
                    SparkWalks.write(jsc, new BiasedWalker(weighted, config), tmp.resolve("w16").toString(), 3, 1L << 20));
            assertTrue(Files.exists(tmp.resolve("w16/_SUCCESS")));
            // ego-Facebook, second order, 5 parts: every walk equal, the files hold exactly the walks
            CsrGraph facebook = CsrBuilder.build(GraphDirectory.load(FACEBOOK).edges(), false).graph();
            BiasedWalker fb = new BiasedWalker(facebook, new WalkConfig(2, 40, 0.5, 2.0, 7L));
            FileWalks files = SparkWalks.write(jsc, fb, tmp.resolve("wfb").toUri().toString(), 5, 1L << 30);
            assertEquals(5, files.parts().size());
            assertSameWalks(fb, files);
            IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                    () -> SparkWalks.write(jsc, fb, tmp.resolve("wx").toString(), 2, 1L << 10));
            assertTrue(over.getMessage().contains("--broadcast-budget-mb"), over.getMessage());
        } finally {
            spark.stop();
        }
        // --spark with the in-process trainer streams the files into the very vectors of the local run (one thread)
        SkipGramConfig sg = new SkipGramConfig(8, 3, 3, 1, 0.025f, 0, 1, 21L);
        float[] viaSpark = SparkEmbedding.embed(weighted, config, sg, "local[2]", "in-process",
                tmp.resolve("w-train").toString(), 1L << 20, null, ProgressTracker.NOOP).vectors();
        assertArrayEquals(Node2Vec.embed(weighted, config, sg, ProgressTracker.NOOP).vectors(), viaSpark);
        Node2Vec.Result ml = SparkEmbedding.embed(weighted, config, sg, "local[2]", "word2vec",
                tmp.resolve("w-ml").toString(), 1L << 20, null, ProgressTracker.NOOP);
        assertEquals(16 * 3, ml.walks());
        assertEquals(16 * 8, ml.vectors().length);
        for (int v = 0; v < 16; v++) {
            float norm = 0;
            for (int k = 0; k < 8; k++) {
                norm += Math.abs(ml.vectors()[v * 8 + k]);
            }
            assertTrue(norm > 0, "Spark ML Word2Vec gave node " + v + " a vector");
        }
        EmbeddingStore store = new EmbeddingStore(2, new float[] {1f, 2f, 3f, 4f},
                NodeTable.untyped(new String[] {"a", "b"}));
        SparkEmbedding.writeParquet(store, tmp.resolve("pq"), "local[2]");
        SparkSession reader = SparkEmbedding.session("local[2]");
        try {
            List<Row> rows = reader.read().parquet(tmp.resolve("pq/vectors.parquet").toString()).orderBy("row").collectAsList();
            assertEquals(2, rows.size());
            assertEquals("b", rows.get(1).getString(2));
            assertEquals(List.of(3f, 4f), rows.get(1).getList(3));
        } finally {
            reader.stop();
        }
    }

    /** Every walk of the files equals the in-process corpus's walk at the same index, read in a scrambled order. */
    private static void assertSameWalks(BiasedWalker walker, FileWalks files) {
        GeneratedWalks local = new GeneratedWalks(walker);
        assertEquals(local.walkCount(), files.walkCount());
        WalkCorpus.Reader expected = local.reader();
        WalkCorpus.Reader actual = files.reader();
        int[] a = new int[walker.config().walkLength()];
        int[] b = new int[walker.config().walkLength()];
        long count = local.walkCount();
        for (long i = 0; i < count; i++) {
            long w = (i * 7919) % count; // jumps across blocks and parts
            int la = expected.read(w, a);
            int lb = actual.read(w, b);
            assertArrayEquals(Arrays.copyOf(a, la), Arrays.copyOf(b, lb), "walk " + w);
        }
    }
}
