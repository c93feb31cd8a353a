package io.marketgraph.embeddings;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeList;

/** Small inline graphs for the tests. */
public final class TestGraphs {

    private TestGraphs() {}

    public static EdgeList edges(int n, int[][] pairs, float[] weights) {
        int[] src = new int[pairs.length];
        int[] dst = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            src[i] = pairs[i][0];
            dst[i] = pairs[i][1];
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "n" + i;
        }
        return new EdgeList(n, src, dst, weights, ids);
    }

    public static CsrGraph undirected(int n, int[][] pairs) {
        return CsrBuilder.build(edges(n, pairs, null), false).graph();
    }

    /** Two 8-cliques (nodes 0..7 and 8..15) joined by the edge 7-8. */
    public static CsrGraph twoCliques() {
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 8; i++) {
                for (int j = i + 1; j < 8; j++) {
                    pairs.add(new int[] {c * 8 + i, c * 8 + j});
                }
            }
        }
        pairs.add(new int[] {7, 8});
        return undirected(16, pairs.toArray(new int[0][]));
    }
}
