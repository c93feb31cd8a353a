package io.marketgraph.embeddings.skipgram;

import java.io.Serializable;
import java.util.Locale;

/**
 * Parameters of skip-gram with negative sampling (word2vec's defaults where node2vec uses them).
 *
 * @param dim          vector dimension
 * @param window       maximum context distance; each centre draws its own window in 1..window
 * @param negatives    noise samples per centre (shared by its contexts)
 * @param epochs       passes over the corpus
 * @param learningRate starting rate, decayed linearly to {@code learningRate * 1e-4}
 * @param sample       sub-sampling threshold (0 disables it)
 * @param threads      Hogwild training threads; 1 gives byte-identical output for a seed
 * @param seed         initial vectors and training randomness
 */
public record SkipGramConfig(int dim, int window, int negatives, int epochs, float learningRate, double sample,
                             int threads, long seed) implements Serializable {

    public static final int DEFAULT_DIM = 128;
    public static final int DEFAULT_WINDOW = 10;
    public static final int DEFAULT_NEGATIVES = 5;
    public static final int DEFAULT_EPOCHS = 1;
    public static final float DEFAULT_LEARNING_RATE = 0.025f;
    public static final double DEFAULT_SAMPLE = 1e-3;
    public static final SkipGramConfig DEFAULTS = new SkipGramConfig(DEFAULT_DIM, DEFAULT_WINDOW, DEFAULT_NEGATIVES,
            DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_SAMPLE, Runtime.getRuntime().availableProcessors(),
            io.marketgraph.embeddings.walks.WalkConfig.DEFAULT_SEED);

    public SkipGramConfig {
        check(dim >= 1, "dim", dim, ">= 1");
        check(window >= 1, "window", window, ">= 1");
        check(negatives >= 1, "negatives", negatives, ">= 1");
        check(epochs >= 1, "epochs", epochs, ">= 1");
        check(learningRate > 0 && Float.isFinite(learningRate), "learningRate", learningRate, "finite and > 0");
        check(sample >= 0 && Double.isFinite(sample), "sample", sample, "finite and >= 0");
        check(threads >= 1, "threads", threads, ">= 1");
    }

    private static void check(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be %s, got %s", name, rule, value));
        }
    }

    public SkipGramConfig withThreads(int newThreads) {
        return new SkipGramConfig(dim, window, negatives, epochs, learningRate, sample, newThreads, seed);
    }

    public SkipGramConfig withSeed(long newSeed) {
        return new SkipGramConfig(dim, window, negatives, epochs, learningRate, sample, threads, newSeed);
    }
}
