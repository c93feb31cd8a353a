package io.marketgraph.embeddings.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.TestGraphs;
import org.junit.jupiter.api.Test;

class CsrBuilderTest {

    @Test
    void undirected_graph_gets_both_directions_sorted_with_self_loops_counted_and_dropped() {
        CsrBuilder.Result r = CsrBuilder.build(TestGraphs.edges(4,
                new int[][] {{2, 0}, {0, 1}, {3, 3}, {1, 2}}, null), false);
        CsrGraph g = r.graph();
        assertEquals(1, r.selfLoops());
        assertEquals(0, r.mergedParallelEdges());
        assertEquals(4, r.inputEdges());
        assertArrayEquals(new int[] {0, 2, 4, 6, 6}, g.offsets());
        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1}, g.neighbours());
        assertNull(g.weights());
        assertEquals(3, g.edgeCount());
        assertTrue(g.hasEdge(2, 1));
        assertFalse(g.hasEdge(3, 0));
    }

    @Test
    void parallel_edges_are_merged_by_summing_weights() {
        CsrBuilder.Result r = CsrBuilder.build(TestGraphs.edges(3,
                new int[][] {{0, 1}, {1, 0}, {0, 2}}, new float[] {1.5f, 2f, 4f}), false);
        CsrGraph g = r.graph();
        assertEquals(1, r.mergedParallelEdges());
        assertArrayEquals(new int[] {0, 2, 3, 4}, g.offsets());
        assertArrayEquals(new int[] {1, 2, 0, 0}, g.neighbours());
        assertArrayEquals(new float[] {3.5f, 4f, 3.5f, 4f}, g.weights());
        assertEquals(3.5f, g.weight(1, 0));
    }

    @Test
    void directed_graph_keeps_one_direction() {
        CsrGraph g = CsrBuilder.build(TestGraphs.edges(3, new int[][] {{0, 1}, {0, 1}, {2, 1}}, null), true).graph();
        assertArrayEquals(new int[] {0, 1, 1, 2}, g.offsets());
        assertArrayEquals(new int[] {1, 1}, g.neighbours());
        assertEquals(2, g.edgeCount());
    }
}
