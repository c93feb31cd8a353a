package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.linkpred.heuristics.Heuristic;
import io.marketgraph.linkpred.heuristics.HeuristicScorer;
import io.marketgraph.linkpred.metrics.BinaryMetrics;
import io.marketgraph.progress.ProgressTracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node2vec paper's link-prediction protocol: split (50 % of edges removed, residual connected,
 * as many non-edges), node2vec on the residual graph, each edge operator's features, logistic
 * regression trained on a random half of the pairs, ROC-AUC on the other half; the heuristics on the
 * same test half. Returns the nested report ({@code auc.hadamard}, {@code heuristics.jaccard}, ...).
 */
public final class LinkPredictionEvaluation {

    static final double LAMBDA = 1.0;

    private LinkPredictionEvaluation() {}

    public static Map<String, Object> run(CsrGraph graph, WalkConfig walks, SkipGramConfig sg, long seed,
                                          ProgressTracker progress) {
        return run(graph, Embedder.node2vec(walks, sg), seed, progress);
    }

    public static Map<String, Object> run(CsrGraph graph, Embedder embedder, long seed, ProgressTracker progress) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        EdgeSplit split = EdgeSplit.split(graph, 0.5, seed);
        LabelledPairs pairs = LabelledPairs.shuffled(split, seed);
        int[] testPairs = pairs.testPairs();
        boolean[] testLabels = pairs.testLabels();
        timings.put("split", seconds(t0));

        long t1 = System.nanoTime();
        Node2Vec.Result emb = embedder.embed(split.residual(), progress);
        timings.put("embed", seconds(t1));

        long t2 = System.nanoTime();
        Map<String, Double> auc = new LinkedHashMap<>();
        int dim = emb.dim();
        for (EdgeOperator op : EdgeOperator.values()) {
            auc.put(op.key(), pairs.auc(op, emb.vectors(), dim, LAMBDA));
        }
        timings.put("classifiers", seconds(t2));

        long t3 = System.nanoTime();
        HeuristicScorer scorer = new HeuristicScorer(split.residual());
        Map<String, Double> heuristics = new LinkedHashMap<>();
        for (Heuristic h : Heuristic.NODE2VEC_PAPER) {
            heuristics.put(h.key(), BinaryMetrics.rocAuc(scorer.score(h, testPairs), testLabels));
        }
        timings.put("heuristics", seconds(t3));
        timings.put("total", seconds(t0));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task", "link-prediction");
        report.put("auc", auc);
        report.put("heuristics", heuristics);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("nodes", graph.nodeCount());
        counts.put("edges", graph.edgeCount());
        counts.put("removed_edges", split.removed());
        counts.put("removal_requested", split.requested());
        counts.put("negative_pairs", split.negatives().length / 2);
        counts.put("train_pairs", pairs.train());
        counts.put("test_pairs", pairs.test());
        counts.put("heuristic_undefined_pairs", scorer.undefinedPairs());
        counts.put("tokens", emb.tokens());
        counts.put("tokens_per_second", emb.tokensPerSecond());
        report.put("counts", counts);
        report.put("timings_seconds", timings);
        return report;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
