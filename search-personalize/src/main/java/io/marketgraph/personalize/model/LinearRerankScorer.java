package io.marketgraph.personalize.model;

import io.marketgraph.linkpred.model.LinkModel;
import java.util.Locale;

/**
 * The learned re-ranker's scores in plain Java: the weights of its logistic layer, read out of the
 * DJL model once at load time, applied the way the DJL forward pass does (features standardized
 * in float with the training mean and scale, dot product plus bias, sigmoid). No native call and
 * no allocation beyond the result per request; {@code RerankScoringTest} checks it against DJL.
 */
final class LinearRerankScorer {

    private final float[] mean;
    private final float[] scale;
    private final double[] weights;
    private final double bias;

    LinearRerankScorer(LinkModel.Meta meta, LinkModel.LinearWeights linear) {
        int cols = meta.features().size();
        if (meta.mean().length != cols || meta.scale().length != cols || linear.weights().length != cols) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "re-rank model: %d features but %d means, %d scales, %d weights", cols, meta.mean().length,
                    meta.scale().length, linear.weights().length));
        }
        this.mean = meta.mean().clone();
        this.scale = meta.scale().clone();
        this.weights = new double[cols];
        for (int c = 0; c < cols; c++) {
            weights[c] = linear.weights()[c];
        }
        this.bias = linear.bias();
    }

    /** Probabilities of {@code rows} rows of features (row-major), as {@code LinkModel.score} gives them. */
    float[] score(float[] features, int rows) {
        int cols = weights.length;
        if ((long) rows * cols != features.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "expected %d rows x %d features = %d values, got %d", rows, cols, rows * cols, features.length));
        }
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double logit = bias;
            for (int c = 0; c < cols; c++) {
                float standardized = (features[o + c] - mean[c]) * scale[c];
                logit += weights[c] * standardized;
            }
            out[r] = (float) (1.0 / (1.0 + Math.exp(-(float) logit)));
        }
        return out;
    }
}
