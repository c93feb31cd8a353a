package io.marketgraph.linkpred.features;

/** Cosine similarity of two rows of flat vector arrays (0 when either is the zero vector). */
public final class Cosine {

    private Cosine() {}

    public static double of(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < dim; d++) {
            dot += a[aOffset + d] * b[bOffset + d];
            na += a[aOffset + d] * a[aOffset + d];
            nb += b[bOffset + d] * b[bOffset + d];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
