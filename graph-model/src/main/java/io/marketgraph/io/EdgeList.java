package io.marketgraph.io;

import java.util.Objects;

/**
 * Edges over dense node ids {@code 0..nodeCount-1}, as parallel arrays (12 bytes an edge).
 *
 * @param nodeCount number of nodes, including those without edges
 * @param src       source node of each edge
 * @param dst       destination node of each edge
 * @param weight    weight of each edge, or {@code null} when the input had none (all 1)
 * @param nodeIds   the external id of each dense node (what the input file called it)
 */
public record EdgeList(int nodeCount, int[] src, int[] dst, float[] weight, String[] nodeIds) {

    public EdgeList {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(nodeIds, "nodeIds");
        if (src.length != dst.length || (weight != null && weight.length != src.length)) {
            throw new IllegalArgumentException("src, dst and weight must have the same length");
        }
        if (nodeIds.length != nodeCount) {
            throw new IllegalArgumentException(
                    "nodeIds has " + nodeIds.length + " entries for " + nodeCount + " nodes");
        }
    }

    public int edgeCount() {
        return src.length;
    }

    public boolean weighted() {
        return weight != null;
    }

    public float weight(int edge) {
        return weight == null ? 1f : weight[edge];
    }
}
