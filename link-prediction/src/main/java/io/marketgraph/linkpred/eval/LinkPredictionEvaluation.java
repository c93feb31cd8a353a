package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkRandom;
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
        return run(graph, residual -> Node2Vec.embed(residual, walks, sg, progress), seed, progress);
    }

    /** The same protocol with any embedding of the residual graph (e.g. a warm start, benchmarks' WarmStartBench). */
    public static Map<String, Object> run(CsrGraph graph, java.util.function.Function<CsrGraph, Node2Vec.Result> embed,
                                          long seed, ProgressTracker progress) {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        EdgeSplit split = EdgeSplit.split(graph, 0.5, seed);
        int pairs = split.removed() * 2;
        int[] all = new int[2 * pairs];
        boolean[] label = new boolean[pairs];
        System.arraycopy(split.positives(), 0, all, 0, split.positives().length);
        System.arraycopy(split.negatives(), 0, all, split.positives().length, split.negatives().length);
        for (int i = 0; i < split.removed(); i++) {
            label[i] = true;
        }
        // shuffle the pairs, then first half trains, second half tests
        WalkRandom rnd = new WalkRandom().reseed(seed, 202, 0);
        for (int i = pairs - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int a0 = all[2 * i];
            int a1 = all[2 * i + 1];
            all[2 * i] = all[2 * j];
            all[2 * i + 1] = all[2 * j + 1];
            all[2 * j] = a0;
            all[2 * j + 1] = a1;
            boolean l = label[i];
            label[i] = label[j];
            label[j] = l;
        }
        int train = pairs / 2;
        int test = pairs - train;
        int[] testPairs = java.util.Arrays.copyOfRange(all, 2 * train, 2 * pairs);
        boolean[] testLabels = java.util.Arrays.copyOfRange(label, train, pairs);
        timings.put("split", seconds(t0));

        long t1 = System.nanoTime();
        Node2Vec.Result emb = embed.apply(split.residual());
        timings.put("embed", seconds(t1));

        long t2 = System.nanoTime();
        Map<String, Double> auc = new LinkedHashMap<>();
        int dim = emb.dim();
        for (EdgeOperator op : EdgeOperator.values()) {
            double[][] x = new double[train][dim];
            boolean[] y = new boolean[train];
            for (int i = 0; i < train; i++) {
                op.apply(emb.vectors(), dim, all[2 * i], all[2 * i + 1], x[i]);
                y[i] = label[i];
            }
            LogisticRegression model = LogisticRegression.fit(x, y, LAMBDA, 25);
            double[] scores = new double[test];
            double[] row = new double[dim];
            for (int i = 0; i < test; i++) {
                op.apply(emb.vectors(), dim, testPairs[2 * i], testPairs[2 * i + 1], row);
                scores[i] = model.score(row);
            }
            auc.put(op.key(), BinaryMetrics.rocAuc(scores, testLabels));
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
        counts.put("train_pairs", train);
        counts.put("test_pairs", test);
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
