package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeList;
import io.marketgraph.linkpred.heuristics.Heuristic;
import io.marketgraph.linkpred.heuristics.HeuristicScorer;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

class EdgeSplitTest {

    /** A 10-node wheel: rim 0..8 as a cycle, hub 9 joined to all: 18 edges. */
    private static CsrGraph wheel() {
        int[] src = new int[18];
        int[] dst = new int[18];
        for (int i = 0; i < 9; i++) {
            src[i] = i;
            dst[i] = (i + 1) % 9;
            src[9 + i] = 9;
            dst[9 + i] = i;
        }
        String[] ids = new String[10];
        java.util.Arrays.fill(ids, "");
        return CsrBuilder.build(new EdgeList(10, src, dst, null, ids), false).graph();
    }

    @Test
    void removes_half_the_edges_keeps_the_residual_connected_and_samples_true_non_edges() {
        CsrGraph g = wheel();
        EdgeSplit split = EdgeSplit.split(g, 0.5, 3L);
        assertEquals(9, split.removed());
        assertEquals(9, split.residual().edgeCount());
        assertEquals(18, split.negatives().length);
        for (int i = 0; i < split.removed(); i++) {
            int u = split.positives()[2 * i];
            int v = split.positives()[2 * i + 1];
            assertTrue(g.hasEdge(u, v));
            assertFalse(split.residual().hasEdge(u, v));
            assertFalse(g.hasEdge(split.negatives()[2 * i], split.negatives()[2 * i + 1]));
        }
        assertEquals(10, reachable(split.residual()));
        assertEquals(java.util.Arrays.toString(split.positives()),
                java.util.Arrays.toString(EdgeSplit.split(g, 0.5, 3L).positives()), "deterministic by seed");
    }

    @Test
    void heuristics_score_exact_values_on_the_wheel() {
        HeuristicScorer s = new HeuristicScorer(wheel());
        // 0 and 2 share neighbours 1 and 9; degrees 3 and 3; union of neighbourhoods {1, 8, 9, 3}
        int[] pair = {0, 2};
        assertEquals(2.0, s.score(Heuristic.COMMON_NEIGHBORS, pair)[0]);
        assertEquals(9.0, s.score(Heuristic.PREFERENTIAL_ATTACHMENT, pair)[0]);
        assertEquals(0.5, s.score(Heuristic.JACCARD, pair)[0], 1e-12);
        assertEquals(1 / Math.log(3) + 1 / Math.log(9), s.score(Heuristic.ADAMIC_ADAR, pair)[0], 1e-12);
    }

    private static int reachable(CsrGraph g) {
        boolean[] seen = new boolean[g.nodeCount()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        seen[0] = true;
        int count = 1;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : g.neighboursOf(u)) {
                if (!seen[v]) {
                    seen[v] = true;
                    count++;
                    queue.add(v);
                }
            }
        }
        return count;
    }
}
