package io.marketgraph.embeddings;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.skipgram.SkipGramTrainer;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkCorpus;
import io.marketgraph.embeddings.walks.WalkCounter;
import io.marketgraph.progress.ProgressTracker;

/**
 * node2vec in process: walks streamed from the CSR into the skip-gram trainer. The entry point for
 * callers that already hold a graph (the embed job, link-prediction's evaluation).
 */
public final class Node2Vec {

    /** Vectors (row = dense node) plus the counts of what ran. */
    public record Result(float[] vectors, int dim, long walks, long tokens, double trainSeconds,
                         double tokensPerSecond, String kernels) {}

    private Node2Vec() {}

    public static Result embed(CsrGraph graph, WalkConfig walkConfig, SkipGramConfig skipGram,
                               ProgressTracker progress) {
        WalkCorpus corpus = new GeneratedWalks(new BiasedWalker(graph, walkConfig));
        return embed(corpus, skipGram, progress);
    }

    public static Result embed(WalkCorpus corpus, SkipGramConfig skipGram, ProgressTracker progress) {
        return embed(corpus, skipGram, null, progress);
    }

    /** With {@code initial} input vectors (row = dense node; a warm start), or word2vec's random start when null. */
    public static Result embed(WalkCorpus corpus, SkipGramConfig skipGram, float[] initial, ProgressTracker progress) {
        WalkCounter.Counts counts = WalkCounter.count(corpus, skipGram.threads(), progress);
        SkipGramTrainer.Result trained = new SkipGramTrainer(skipGram).train(corpus, counts, initial, progress);
        return new Result(trained.vectors(), trained.dim(), counts.walks(), trained.tokens(), trained.seconds(),
                trained.tokensPerSecond(), trained.kernels());
    }
}
