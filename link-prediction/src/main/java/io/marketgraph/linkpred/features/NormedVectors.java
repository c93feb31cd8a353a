package io.marketgraph.linkpred.features;

import io.marketgraph.io.EmbeddingStore;

/**
 * An embedding store's rows with their squared norms computed once, for the serving paths that take
 * many cosines against the same rows (re-rank features, the blend strategy): a cosine then costs one
 * dot product. The norms are summed as {@link Cosine#of} sums them; the dot product runs four
 * partial sums (the add latency, not the multiplies, bounds a single running sum), so a cosine can
 * differ from {@code Cosine.of} in the last bits of the double. With {@code jdk.incubator.vector}
 * present (the launcher and the tests add it), the dot product runs on the Vector API
 * ({@link VectorDot}), with the same partial sums in the same order: the same doubles.
 */
public final class NormedVectors {

    private static final boolean VECTOR = io.marketgraph.linkpred.VectorApi.AVAILABLE;

    private final float[] vectors;
    private final int dim;
    private final double[] squaredNorm;

    public NormedVectors(EmbeddingStore store) {
        this.vectors = store.vectors();
        this.dim = store.dim();
        this.squaredNorm = new double[store.count()];
        for (int n = 0; n < squaredNorm.length; n++) {
            double norm = 0;
            for (int d = n * dim; d < (n + 1) * dim; d++) {
                norm += vectors[d] * vectors[d];
            }
            squaredNorm[n] = norm;
        }
    }

    /** Cosine of rows {@code a} and {@code b} (0 when either is the zero vector). */
    public double cosine(int a, int b) {
        int ao = a * dim;
        int bo = b * dim;
        double dot = VECTOR ? VectorDot.dot(vectors, ao, bo, dim) : scalarDot(vectors, ao, bo, dim, 0, 0, 0, 0, 0);
        double na = squaredNorm[a];
        double nb = squaredNorm[b];
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The dot product of the rows at {@code ao} and {@code bo} from dimension {@code from} on, with the partial sums so far. */
    static double scalarDot(float[] vectors, int ao, int bo, int dim, int from, double d0, double d1, double d2, double d3) {
        int d = from;
        for (; d + 3 < dim; d += 4) {
            d0 += vectors[ao + d] * vectors[bo + d];
            d1 += vectors[ao + d + 1] * vectors[bo + d + 1];
            d2 += vectors[ao + d + 2] * vectors[bo + d + 2];
            d3 += vectors[ao + d + 3] * vectors[bo + d + 3];
        }
        for (; d < dim; d++) {
            d0 += vectors[ao + d] * vectors[bo + d];
        }
        return (d0 + d1) + (d2 + d3);
    }

    /** Whether {@link #cosine} runs on the Vector API (the same values either way). */
    public static boolean vectorized() {
        return VECTOR;
    }
}
