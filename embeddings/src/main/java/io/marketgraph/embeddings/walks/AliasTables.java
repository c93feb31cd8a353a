package io.marketgraph.embeddings.walks;

import io.marketgraph.embeddings.graph.CsrGraph;
import java.io.Serializable;

/**
 * First-order weighted sampling in O(1): one alias table per node over its adjacency entries
 * (Vose's method), stored flat beside the CSR (8 bytes an entry). Unweighted graphs need none.
 */
public final class AliasTables implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] probability;
    private final int[] alias;

    private AliasTables(float[] probability, int[] alias) {
        this.probability = probability;
        this.alias = alias;
    }

    public static AliasTables build(CsrGraph graph) {
        int[] offsets = graph.offsets();
        float[] weights = graph.weights();
        int entries = graph.entryCount();
        float[] prob = new float[entries];
        int[] alias = new int[entries];
        int maxDegree = 0;
        for (int v = 0; v < graph.nodeCount(); v++) {
            maxDegree = Math.max(maxDegree, graph.degree(v));
        }
        double[] scaled = new double[maxDegree];
        int[] small = new int[maxDegree];
        int[] large = new int[maxDegree];
        for (int v = 0; v < graph.nodeCount(); v++) {
            int off = offsets[v];
            int deg = offsets[v + 1] - off;
            if (deg == 0) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < deg; i++) {
                sum += weights[off + i];
            }
            int ns = 0;
            int nl = 0;
            for (int i = 0; i < deg; i++) {
                scaled[i] = weights[off + i] * deg / sum;
                if (scaled[i] < 1.0) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns];
                int l = large[--nl];
                prob[off + s] = (float) scaled[s];
                alias[off + s] = l;
                scaled[l] = scaled[l] + scaled[s] - 1.0;
                if (scaled[l] < 1.0) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                int l = large[--nl];
                prob[off + l] = 1f;
                alias[off + l] = l;
            }
            while (ns > 0) { // rounding leftovers
                int s = small[--ns];
                prob[off + s] = 1f;
                alias[off + s] = s;
            }
        }
        return new AliasTables(prob, alias);
    }

    /** Local index (0..deg-1) of the sampled entry, given a uniform slot and a uniform coin. */
    public int sample(int offset, int slot, float coin) {
        return coin < probability[offset + slot] ? slot : alias[offset + slot];
    }

    public long memoryBytes() {
        return 8L * probability.length;
    }
}
