package io.marketgraph.embeddings.graph;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * A graph in compressed sparse row form: the neighbours of {@code node} are
 * {@code neighbours[offsets[node] .. offsets[node + 1])}, sorted ascending and without duplicates,
 * with their {@code weights} in the same positions ({@code null} when the graph is unweighted).
 * Memory is the three arrays: 4 bytes a node plus 4 (or 8, weighted) bytes an adjacency entry.
 * Build one with {@link CsrBuilder}.
 */
public final class CsrGraph implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] offsets;
    private final int[] neighbours;
    private final float[] weights;
    private final boolean directed;

    public CsrGraph(int[] offsets, int[] neighbours, float[] weights, boolean directed) {
        if (offsets.length < 1 || offsets[offsets.length - 1] != neighbours.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "offsets must end at neighbours.length=%d, got %d", neighbours.length,
                    offsets.length == 0 ? -1 : offsets[offsets.length - 1]));
        }
        if (weights != null && weights.length != neighbours.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries for "
                    + neighbours.length + " neighbours");
        }
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.weights = weights;
        this.directed = directed;
    }

    public int nodeCount() {
        return offsets.length - 1;
    }

    /** Adjacency entries: twice the edge count for an undirected graph. */
    public int entryCount() {
        return neighbours.length;
    }

    /** Edges as the user sees them: entries / 2 when undirected. */
    public long edgeCount() {
        return directed ? neighbours.length : neighbours.length / 2;
    }

    public boolean directed() {
        return directed;
    }

    public boolean weighted() {
        return weights != null;
    }

    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    public int[] offsets() {
        return offsets;
    }

    public int[] neighbours() {
        return neighbours;
    }

    /** Per-entry weights, or {@code null} when every edge weighs 1. */
    public float[] weights() {
        return weights;
    }

    /** The neighbours of {@code node} as a new array (for tests and callers off the hot path). */
    public int[] neighboursOf(int node) {
        return Arrays.copyOfRange(neighbours, offsets[node], offsets[node + 1]);
    }

    /** True if {@code to} is a neighbour of {@code from}: binary search in the sorted adjacency. */
    public boolean hasEdge(int from, int to) {
        return Arrays.binarySearch(neighbours, offsets[from], offsets[from + 1], to) >= 0;
    }

    /** Weight of the edge {@code from -> to}, or 0 if there is none. */
    public float weight(int from, int to) {
        int i = Arrays.binarySearch(neighbours, offsets[from], offsets[from + 1], to);
        if (i < 0) {
            return 0f;
        }
        return weights == null ? 1f : weights[i];
    }

    /** Bytes held by the arrays. */
    public long memoryBytes() {
        return 4L * offsets.length + 4L * neighbours.length + (weights == null ? 0 : 4L * weights.length);
    }
}
