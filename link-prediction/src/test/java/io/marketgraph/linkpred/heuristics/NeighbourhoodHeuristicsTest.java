package io.marketgraph.linkpred.heuristics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CSR fast paths against JGraphT's reference implementations, on random graphs. */
class NeighbourhoodHeuristicsTest {

    private static CsrGraph random(long seed, int n, int m) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] src = new int[m];
        int[] dst = new int[m];
        for (int e = 0; e < m; e++) {
            src[e] = r.nextInt(n);
            dst[e] = r.nextInt(n);
        }
        String[] ids = new String[n];
        Arrays.setAll(ids, Integer::toString);
        return CsrBuilder.build(new EdgeList(n, src, dst, null, ids), false).graph();
    }

    @Test
    void pair_scores_match_jgrapht_on_random_graphs() {
        for (long seed = 1; seed <= 5; seed++) {
            CsrGraph g = random(seed, 60, 240);
            HeuristicScorer jgrapht = new HeuristicScorer(g);
            NeighbourhoodHeuristics csr = new NeighbourhoodHeuristics(g);
            int[] pairs = new int[2 * 300];
            SplittableRandom r = new SplittableRandom(seed + 100);
            for (int i = 0; i < 300; i++) {
                pairs[2 * i] = r.nextInt(60);
                do {
                    pairs[2 * i + 1] = r.nextInt(60);
                } while (pairs[2 * i + 1] == pairs[2 * i]);
            }
            double[] out = new double[Heuristic.values().length];
            for (Heuristic h : Heuristic.values()) {
                double[] expected = jgrapht.score(h, pairs);
                for (int i = 0; i < 300; i++) {
                    csr.pair(pairs[2 * i], pairs[2 * i + 1], out);
                    assertEquals(expected[i], out[h.ordinal()], 1e-9, h + " seed " + seed + " pair " + i);
                }
            }
        }
    }

    @Test
    void two_hop_scores_equal_pair_scores() {
        CsrGraph g = random(7, 80, 400);
        NeighbourhoodHeuristics csr = new NeighbourhoodHeuristics(g);
        NeighbourhoodHeuristics.Scores scores = csr.newScores();
        double[] out = new double[Heuristic.values().length];
        for (int u = 0; u < 80; u += 7) {
            scores.from(u, v -> true);
            for (int v = 0; v < 80; v++) {
                if (v == u) {
                    continue;
                }
                csr.pair(u, v, out);
                for (Heuristic h : Heuristic.values()) {
                    assertEquals(out[h.ordinal()], scores.score(h, v), 1e-9, h + " " + u + "-" + v);
                }
            }
        }
    }

    @Test
    void adamic_adar_by_hand_on_a_toy_graph() {
        // 0-1, 0-3, 1-2, 1-4, 2-3, 2-4, 3-4, 3-5, 4-5: common neighbours of 0 and 2 are 1 (deg 3) and 3 (deg 4)
        int[] src = {0, 0, 1, 1, 2, 2, 3, 3, 4};
        int[] dst = {1, 3, 2, 4, 3, 4, 4, 5, 5};
        CsrGraph g = CsrBuilder.build(new EdgeList(6, src, dst, null, new String[] {"0", "1", "2", "3", "4", "5"}), false).graph();
        double[] out = new double[Heuristic.values().length];
        new NeighbourhoodHeuristics(g).pair(0, 2, out);
        assertEquals(1 / Math.log(3) + 1 / Math.log(4), out[Heuristic.ADAMIC_ADAR.ordinal()], 1e-12);
        assertEquals(1 / 3.0 + 1 / 4.0, out[Heuristic.RESOURCE_ALLOCATION.ordinal()], 1e-12);
        assertEquals(2.0 / 3, out[Heuristic.JACCARD.ordinal()], 1e-12); // {1,3} of {1,3,4}
    }
}
