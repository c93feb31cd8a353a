package io.marketgraph.embeddings.graph;

import io.marketgraph.io.EdgeList;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds a {@link CsrGraph} from an {@link EdgeList}: undirected graphs get both directions,
 * parallel edges are merged by summing their weights, self-loops are dropped. Both are counted in
 * the {@link Result}, never dropped silently. Peak memory is the edge list plus the CSR arrays plus
 * one long per entry while sorting a weighted graph.
 */
public final class CsrBuilder {

    /** The graph and what was merged or dropped on the way. */
    public record Result(CsrGraph graph, long inputEdges, long selfLoops, long mergedParallelEdges) {}

    private CsrBuilder() {}

    public static Result build(EdgeList edges, boolean directed) {
        int n = edges.nodeCount();
        int[] src = edges.src();
        int[] dst = edges.dst();
        long selfLoops = 0;
        int[] degree = new int[n + 1];
        for (int e = 0; e < src.length; e++) {
            if (src[e] == dst[e]) {
                selfLoops++;
                continue;
            }
            degree[src[e]]++;
            if (!directed) {
                degree[dst[e]]++;
            }
        }
        long entries = 0;
        int[] offsets = new int[n + 1];
        for (int v = 0; v < n; v++) {
            entries += degree[v];
            if (entries > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "graph has more than %d adjacency entries (node %d of %d): too large for one "
                                + "machine's CSR; use the distributed mode (--spark)", Integer.MAX_VALUE - 8, v, n));
            }
            offsets[v + 1] = (int) entries;
        }
        int[] cursor = Arrays.copyOf(offsets, n);
        degree = null;
        Result result = edges.weighted()
                ? buildWeighted(edges, directed, offsets, cursor, (int) entries)
                : buildUnweighted(src, dst, directed, offsets, cursor, (int) entries);
        return new Result(result.graph, src.length, selfLoops, result.mergedParallelEdges);
    }

    private static Result buildUnweighted(int[] src, int[] dst, boolean directed, int[] offsets, int[] cursor,
                                          int entries) {
        int[] nbr = new int[entries];
        for (int e = 0; e < src.length; e++) {
            int u = src[e];
            int v = dst[e];
            if (u == v) {
                continue;
            }
            nbr[cursor[u]++] = v;
            if (!directed) {
                nbr[cursor[v]++] = u;
            }
        }
        int n = offsets.length - 1;
        int write = 0;
        long merged = 0;
        int start = 0;
        for (int v = 0; v < n; v++) {
            int end = offsets[v + 1];
            Arrays.sort(nbr, start, end);
            int nodeStart = write;
            for (int i = start; i < end; i++) {
                if (i > start && nbr[i] == nbr[i - 1]) {
                    merged++;
                    continue;
                }
                nbr[write++] = nbr[i];
            }
            offsets[v] = nodeStart;
            start = end;
        }
        offsets[n] = write;
        int[] compact = write == entries ? nbr : Arrays.copyOf(nbr, write);
        return new Result(new CsrGraph(offsets, compact, null, directed), 0, 0, directed ? merged : merged / 2);
    }

    private static Result buildWeighted(EdgeList edges, boolean directed, int[] offsets, int[] cursor, int entries) {
        int[] src = edges.src();
        int[] dst = edges.dst();
        float[] w = edges.weight();
        // neighbour in the high half, weight bits in the low half: one sort orders both together
        long[] packed = new long[entries];
        for (int e = 0; e < src.length; e++) {
            int u = src[e];
            int v = dst[e];
            if (u == v) {
                continue;
            }
            long bits = Float.floatToRawIntBits(w[e]) & 0xffffffffL;
            packed[cursor[u]++] = ((long) v << 32) | bits;
            if (!directed) {
                packed[cursor[v]++] = ((long) u << 32) | bits;
            }
        }
        int n = offsets.length - 1;
        int[] nbr = new int[entries];
        float[] weights = new float[entries];
        int write = 0;
        long merged = 0;
        int start = 0;
        for (int v = 0; v < n; v++) {
            int end = offsets[v + 1];
            Arrays.sort(packed, start, end);
            int nodeStart = write;
            for (int i = start; i < end; i++) {
                int to = (int) (packed[i] >>> 32);
                float weight = Float.intBitsToFloat((int) packed[i]);
                if (write > nodeStart && nbr[write - 1] == to) {
                    weights[write - 1] += weight;
                    merged++;
                    continue;
                }
                nbr[write] = to;
                weights[write++] = weight;
            }
            offsets[v] = nodeStart;
            start = end;
        }
        offsets[n] = write;
        packed = null;
        if (write != entries) {
            nbr = Arrays.copyOf(nbr, write);
            weights = Arrays.copyOf(weights, write);
        }
        return new Result(new CsrGraph(offsets, nbr, weights, directed), 0, 0, directed ? merged : merged / 2);
    }
}
