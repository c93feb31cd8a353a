package io.marketgraph.linkpred.model;

import java.util.Locale;

/**
 * How to train a link model.
 *
 * @param kind         logistic regression (a linear model on standardized features) or a one-hidden-layer MLP
 * @param hiddenUnits  MLP hidden width; ignored by LOGISTIC
 * @param epochs       passes over the training pairs
 * @param batchSize    pairs per SGD step
 * @param learningRate Adam step size; 0.01 converges in a few epochs on standardized features
 * @param seed         fixes initialization and batch order (PyTorch CPU kernels are deterministic at one thread)
 */
public record LinkModelConfig(LinkModelKind kind, int hiddenUnits, int epochs, int batchSize, float learningRate, long seed) {

    public static LinkModelConfig defaults(LinkModelKind kind) {
        return new LinkModelConfig(kind, 64, 8, 256, 0.01f, 42L);
    }

    public LinkModelConfig {
        if (hiddenUnits < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "hiddenUnits, epochs, batchSize must be >= 1 and learningRate > 0, got %d, %d, %d, %s",
                    hiddenUnits, epochs, batchSize, learningRate));
        }
    }

    public LinkModelConfig withSeed(long newSeed) {
        return new LinkModelConfig(kind, hiddenUnits, epochs, batchSize, learningRate, newSeed);
    }
}
