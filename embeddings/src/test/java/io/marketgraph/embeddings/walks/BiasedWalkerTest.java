package io.marketgraph.embeddings.walks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.embeddings.TestGraphs;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BiasedWalkerTest {

    // 0-1, 1-2, 1-3, 2-3, 3-4
    private static final CsrGraph KITE = TestGraphs.undirected(5, new int[][] {{0, 1}, {1, 2}, {1, 3}, {2, 3}, {3, 4}});

    @Test
    void second_order_step_follows_node2vec_probabilities() {
        // from prev=0 at cur=1: back to 0 weighs 1/p = 2, to 2 and 3 (not adjacent to 0) 1/q = 0.5 each
        BiasedWalker walker = new BiasedWalker(KITE, new WalkConfig(1, 3, 0.5, 2.0, 7L));
        int[] counts = new int[5];
        int[] buf = new int[3];
        WalkRandom rnd = new WalkRandom();
        int walks = 120_000;
        for (int w = 0; w < walks; w++) {
            assertEquals(3, walker.walk(0, w, buf, rnd));
            assertEquals(1, buf[1]);
            counts[buf[2]]++;
        }
        assertEquals(2.0 / 3, counts[0] / (double) walks, 0.006);
        assertEquals(1.0 / 6, counts[2] / (double) walks, 0.006);
        assertEquals(1.0 / 6, counts[3] / (double) walks, 0.006);
    }

    @Test
    void neighbour_of_previous_node_weighs_one() {
        // from prev=2 at cur=3: back to 2 weighs 1/p = 1, to 1 (adjacent to 2) 1, to 4 1/q = 0.25
        BiasedWalker walker = new BiasedWalker(KITE, new WalkConfig(1, 3, 1.0, 4.0, 3L));
        int[] counts = new int[5];
        int[] buf = new int[3];
        WalkRandom rnd = new WalkRandom();
        int n = 0;
        for (int w = 0; n < 60_000; w++) {
            walker.walk(2, w, buf, rnd);
            if (buf[1] == 3) {
                counts[buf[2]]++;
                n++;
            }
        }
        assertEquals(1 / 2.25, counts[2] / (double) n, 0.008);
        assertEquals(1 / 2.25, counts[1] / (double) n, 0.008);
        assertEquals(0.25 / 2.25, counts[4] / (double) n, 0.008);
    }

    @Test
    void weighted_first_step_is_proportional_to_edge_weight() {
        CsrGraph star = CsrBuilder.build(TestGraphs.edges(5, new int[][] {{0, 1}, {0, 2}, {0, 3}, {0, 4}},
                new float[] {1f, 2f, 3f, 4f}), false).graph();
        BiasedWalker walker = new BiasedWalker(star, new WalkConfig(1, 2, 1.0, 1.0, 11L));
        int[] counts = new int[5];
        int[] buf = new int[2];
        WalkRandom rnd = new WalkRandom();
        for (int w = 0; w < 100_000; w++) {
            walker.walk(0, w, buf, rnd);
            counts[buf[1]]++;
        }
        for (int v = 1; v <= 4; v++) {
            assertEquals(v / 10.0, counts[v] / 100_000.0, 0.006, "neighbour " + v);
        }
    }

    @Test
    void walks_are_identical_for_any_thread_count_and_order() throws Exception {
        CsrGraph g = TestGraphs.twoCliques();
        GeneratedWalks corpus = new GeneratedWalks(new BiasedWalker(g, new WalkConfig(3, 12, 0.7, 1.9, 5L)));
        MaterializedWalks sequential = MaterializedWalks.of(corpus);
        for (int threads : new int[] {2, 4}) {
            int[][] got = new int[(int) corpus.walkCount()][];
            AtomicLong next = new AtomicLong();
            List<Thread> pool = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    WalkCorpus.Reader reader = corpus.reader();
                    int[] buf = new int[12];
                    long w;
                    while ((w = next.getAndIncrement()) < got.length) {
                        int len = reader.read(w, buf);
                        got[(int) w] = java.util.Arrays.copyOf(buf, len);
                    }
                });
                pool.add(th);
                th.start();
            }
            for (Thread th : pool) {
                th.join();
            }
            for (int w = 0; w < got.length; w++) {
                assertArrayEquals(sequential.walk(w), got[w], "walk " + w + " with " + threads + " threads");
            }
        }
        assertArrayEquals(WalkCounter.count(corpus, 1, ProgressTracker.NOOP).perNode(),
                WalkCounter.count(corpus, 3, ProgressTracker.NOOP).perNode());
    }

    @Test
    void each_round_starts_every_node_once_in_a_seeded_order() {
        int[] perm = WalkOrder.permutation(6, 9L, 0);
        int[] sorted = perm.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, sorted);
        assertArrayEquals(perm, WalkOrder.permutation(6, 9L, 0));
    }

    @Test
    void directed_walk_stops_at_a_node_without_out_edges() {
        CsrGraph path = CsrBuilder.build(TestGraphs.edges(3, new int[][] {{0, 1}, {1, 2}}, null), true).graph();
        int[] buf = new int[10];
        int len = new BiasedWalker(path, new WalkConfig(1, 10, 1, 1, 1L)).walk(0, 0, buf, new WalkRandom());
        assertEquals(3, len);
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(buf, 3));
    }
}
