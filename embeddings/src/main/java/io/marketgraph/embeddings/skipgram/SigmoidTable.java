package io.marketgraph.embeddings.skipgram;

/**
 * word2vec's precomputed logistic function on [-6, 6] in 1000 steps; beyond it the gradient is
 * taken as saturated, exactly as word2vec does.
 */
public final class SigmoidTable {

    static final int SIZE = 1000;
    static final float MAX = 6f;
    private static final float SCALE = SIZE / MAX / 2;

    private final float[] table = new float[SIZE];

    public SigmoidTable() {
        for (int i = 0; i < SIZE; i++) {
            double x = (i / (double) SIZE * 2 - 1) * MAX;
            double e = Math.exp(x);
            table[i] = (float) (e / (e + 1));
        }
    }

    /** {@code label - sigmoid(f)} with word2vec's clipping, label 1 for the true context. */
    public float gradient(float f, boolean positive) {
        float label = positive ? 1f : 0f;
        if (f >= MAX) {
            return label - 1f;
        }
        if (f <= -MAX) {
            return label;
        }
        // f just below MAX can round to index SIZE in float arithmetic: clamp
        return label - table[Math.min(SIZE - 1, (int) ((f + MAX) * SCALE))];
    }
}
