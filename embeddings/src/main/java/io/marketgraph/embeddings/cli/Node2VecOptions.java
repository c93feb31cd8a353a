package io.marketgraph.embeddings.cli;

import io.marketgraph.cli.UsageException;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import picocli.CommandLine.Option;

/**
 * The node2vec flags that {@code embed} and {@code evaluate-embeddings} share (a picocli mixin), so
 * both have the same names and the same defaults, declared once (the constants of {@link WalkConfig}
 * and {@link SkipGramConfig}).
 */
public final class Node2VecOptions {

    // ---- walks
    @Option(names = "--walk-length", paramLabel = "N", defaultValue = "" + WalkConfig.DEFAULT_WALK_LENGTH,
            description = "nodes per walk")
    int walkLength;

    @Option(names = "--walks-per-node", paramLabel = "N", defaultValue = "" + WalkConfig.DEFAULT_WALKS_PER_NODE,
            description = "walks started at every node")
    int walksPerNode;

    @Option(names = "--p", paramLabel = "X", defaultValue = "" + WalkConfig.DEFAULT_P, description = "return parameter")
    double p;

    @Option(names = "--q", paramLabel = "X", defaultValue = "" + WalkConfig.DEFAULT_Q, description = "in-out parameter")
    double q;

    // ---- skip-gram
    @Option(names = "--dim", paramLabel = "N", defaultValue = "" + SkipGramConfig.DEFAULT_DIM, description = "vector dimension")
    int dim;

    @Option(names = "--window", paramLabel = "N", defaultValue = "" + SkipGramConfig.DEFAULT_WINDOW,
            description = "skip-gram window")
    int window;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + SkipGramConfig.DEFAULT_EPOCHS,
            description = "passes over the walks")
    int epochs;

    @Option(names = "--negatives", paramLabel = "N", defaultValue = "" + SkipGramConfig.DEFAULT_NEGATIVES,
            description = "negative samples")
    int negatives;

    @Option(names = "--sample", paramLabel = "X", defaultValue = "" + SkipGramConfig.DEFAULT_SAMPLE,
            description = "sub-sampling threshold, 0 = off")
    double sample;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "" + SkipGramConfig.DEFAULT_LEARNING_RATE,
            description = "starting learning rate")
    float learningRate;

    // ---- execution
    @Option(names = "--threads", paramLabel = "N", description = "threads (default: all cores); 1 gives byte-identical output per seed")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + WalkConfig.DEFAULT_SEED, description = "random seed")
    long seed;

    public long seed() {
        return seed;
    }

    /** @throws UsageException naming the flag and the value */
    public WalkConfig walks() {
        try {
            return new WalkConfig(walksPerNode, walkLength, p, q, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @throws UsageException naming the flag and the value */
    public SkipGramConfig skipGram() {
        try {
            return new SkipGramConfig(dim, window, negatives, epochs, learningRate, sample, threads, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
