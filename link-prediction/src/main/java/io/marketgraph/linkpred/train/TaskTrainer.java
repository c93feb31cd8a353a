package io.marketgraph.linkpred.train;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.baselines.Baselines;
import io.marketgraph.linkpred.baselines.Recommender;
import io.marketgraph.linkpred.features.PairFeaturizer;
import io.marketgraph.linkpred.heuristics.NeighbourhoodHeuristics;
import io.marketgraph.linkpred.heuristics.Heuristic;
import io.marketgraph.linkpred.metrics.BinaryMetrics;
import io.marketgraph.linkpred.metrics.RankingMetrics;
import io.marketgraph.linkpred.model.FeatureMatrix;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.retrieval.ExactTopK;
import io.marketgraph.linkpred.split.NegativeSampler;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Trains and evaluates one task: negatives for the training and test positives, features, both
 * model families, then every scorer (models and heuristics) on the test pairs (ROC-AUC, PR-AUC)
 * and on retrieval (rank all targets for each test user: Hits, MRR, Recall and NDCG at K).
 */
final class TaskTrainer {

    /** The serving model and the evaluation of everything. Close the model when done with it. */
    record Outcome(LinkModel serving, TaskEvaluation evaluation) {}

    private final TrainLinksConfig config;
    private final CsrGraph graph;
    private final EmbeddingStore embeddings;
    private final NodeTable nodes;
    private final PairFeaturizer featurizer;
    private final ProgressTracker progress;

    TaskTrainer(TrainLinksConfig config, CsrGraph graph, EmbeddingStore embeddings, NodeTable nodes,
                ProgressTracker progress) {
        this.config = config;
        this.graph = graph;
        this.embeddings = embeddings;
        this.nodes = nodes;
        this.featurizer = new PairFeaturizer(graph, embeddings, nodes);
        this.progress = progress;
    }

    /** Businesses (with the most test positives) whose audiences are evaluated. */
    private static final int AUDIENCE_TARGETS = 100;

    Outcome run(TaskPairs pairs, Baselines.Fitted baselines, io.marketgraph.io.InteractionTable before) {
        Set<Long> known = new HashSet<>(pairs.train().length + pairs.test().length);
        Arrays.stream(pairs.train()).forEach(known::add);
        Arrays.stream(pairs.test()).forEach(known::add);
        NegativeSampler sampler = new NegativeSampler(config.negatives(), config.negativeRatio(), config.model().seed(),
                pairs.task().targetKind(), nodes, graph);
        long[] trainNeg = sampler.sample(pairs.train(), known);
        long[] testNeg = sampler.sample(pairs.test(), known);
        long[] trainPairs = concat(pairs.train(), trainNeg);
        long[] testPairs = concat(pairs.test(), testNeg);
        float[] trainLabels = labels(pairs.train().length, trainNeg.length);
        boolean[] testLabels = new boolean[testPairs.length];
        Arrays.fill(testLabels, 0, pairs.test().length, true);

        FeatureMatrix trainX = featurizer.features(trainPairs);
        FeatureMatrix testX = featurizer.features(testPairs);

        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        Map<String, List<BinaryMetrics.Point>> roc = new LinkedHashMap<>();
        Map<String, List<BinaryMetrics.Point>> pr = new LinkedHashMap<>();
        LinkModel serving = null;
        Candidates candidates = candidates(pairs);
        for (LinkModelKind kind : LinkModelKind.values()) {
            LinkModel model = LinkModel.train(trainX, trainLabels,
                    new io.marketgraph.linkpred.model.LinkModelConfig(kind, config.model().hiddenUnits(),
                            config.model().epochs(), config.model().batchSize(), config.model().learningRate(),
                            config.model().seed()), progress);
            float[] s = model.score(testX);
            String name = kind.name().toLowerCase(Locale.ROOT);
            Map<String, Double> m = binary(s, testLabels);
            try (ProgressTracker.Stage stage = progress.stage("evaluate " + name, candidates.users().size())) {
                m.putAll(retrieval(candidates, model, null, stage));
            }
            scores.put(name, m);
            roc.put(name, BinaryMetrics.rocCurve(s, testLabels));
            pr.put(name, BinaryMetrics.prCurve(s, testLabels));
            if (kind == config.serving()) {
                serving = model;
            } else {
                model.close();
            }
        }
        int column = featurizer.names().size() - Heuristic.values().length - 3;
        for (Heuristic h : Heuristic.values()) {
            float[] s = new float[testPairs.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = testX.get(i, column + h.ordinal());
            }
            Map<String, Double> m = binary(s, testLabels);
            try (ProgressTracker.Stage stage = progress.stage("evaluate " + h.key(), candidates.users().size())) {
                m.putAll(retrieval(candidates, null, h, stage));
            }
            scores.put(h.key(), m);
            roc.put(h.key(), BinaryMetrics.rocCurve(s, testLabels));
            pr.put(h.key(), BinaryMetrics.prCurve(s, testLabels));
        }
        for (Recommender r : baselines.recommenders()) {
            try (ProgressTracker.Stage stage = progress.stage("evaluate " + r.name(), candidates.users().size())) {
                scores.put(r.name(), baselineRetrieval(candidates, r));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        baselines.facts().forEach((name, n) -> counts.put("baseline_" + name, n));
        counts.put("train_positives", (long) pairs.train().length);
        counts.put("train_negatives", (long) trainNeg.length);
        counts.put("test_positives", (long) pairs.test().length);
        counts.put("test_negatives", (long) testNeg.length);
        counts.put("eval_users", (long) candidates.users().size());
        counts.put("negative_fallbacks", sampler.fallbacks());
        Map<String, Double> audience = pairs.task().targetKind() == io.marketgraph.model.NodeKind.BUSINESS && before != null
                ? AudienceQuality.evaluate(pairs, nodes, before, embeddings, featurizer, serving, AUDIENCE_TARGETS)
                : Map.of();
        return new Outcome(serving, new TaskEvaluation(scores, roc, pr, counts, audience));
    }

    private static Map<String, Double> binary(float[] s, boolean[] labels) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("roc_auc", BinaryMetrics.rocAuc(s, labels));
        m.put("pr_auc", BinaryMetrics.averagePrecision(s, labels));
        return m;
    }

    /** Test users (a seeded sample of at most maxEvalUsers), each as {user, relevant targets...}. */
    private List<int[]> evalUsers(TaskPairs pairs) {
        Map<Integer, List<Integer>> relevant = new HashMap<>();
        for (long p : pairs.test()) {
            relevant.computeIfAbsent(TaskPairs.source(p), u -> new ArrayList<>()).add(TaskPairs.target(p));
        }
        List<Integer> users = new ArrayList<>(relevant.keySet());
        Collections.sort(users);
        Collections.shuffle(users, new java.util.Random(config.model().seed()));
        List<int[]> out = new ArrayList<>();
        for (int u : users.subList(0, Math.min(users.size(), config.maxEvalUsers()))) {
            int[] row = new int[1 + relevant.get(u).size()];
            row[0] = u;
            for (int i = 0; i < relevant.get(u).size(); i++) {
                row[1 + i] = relevant.get(u).get(i);
            }
            out.add(row);
        }
        return out;
    }

    /**
     * What every scorer's retrieval shares, built once per task: the evaluated users (each as
     * {user, relevant targets...}), the training positives to exclude, the task's targets and the
     * exact cosine search over them (a normalized copy of the target vectors).
     */
    private record Candidates(List<int[]> users, Set<Long> trained, int[] targets, ExactTopK exact) {}

    private Candidates candidates(TaskPairs pairs) {
        Set<Long> trained = new HashSet<>();
        Arrays.stream(pairs.train()).forEach(trained::add);
        int[] targets = IntStream.range(0, nodes.size()).filter(n -> nodes.kind(n) == pairs.task().targetKind()).toArray();
        return new Candidates(evalUsers(pairs), trained, targets, new ExactTopK(embeddings, targets));
    }

    /**
     * Ranks targets for each evaluated user, excluding the user's training positives. With a model:
     * the top {@code candidates} by embedding cosine, re-scored by the model. With a heuristic: every
     * target by the heuristic's score (ties by node id).
     */
    private Map<String, Double> retrieval(Candidates c, LinkModel model, Heuristic heuristic, ProgressTracker.Stage stage) {
        Set<Long> trained = c.trained();
        int[] targets = c.targets();
        ExactTopK exact = c.exact();
        List<int[]> users = c.users();
        NeighbourhoodHeuristics.Scores h = heuristic == null ? null : new NeighbourhoodHeuristics(graph).newScores();
        RankingMetrics metrics = new RankingMetrics(config.k());
        Set<Integer> shown = new HashSet<>();
        for (int[] row : users) {
            int u = row[0];
            java.util.function.IntPredicate excluded = t -> trained.contains(TaskPairs.pack(u, t));
            List<Integer> ranked = model != null
                    ? rerank(model, u, exact.search(embeddings.vectors(), embeddings.offset(u), config.candidates(), excluded))
                    : rankByHeuristic(h, heuristic, u, targets, excluded);
            metrics.add(ranked, relevant(row));
            shown.addAll(ranked.subList(0, Math.min(config.k(), ranked.size())));
            stage.advance(1);
        }
        return metricMap(metrics, shown.size() / (double) targets.length);
    }

    /** A baseline ranks for the same users with the same exclusion (the user's training positives). */
    private Map<String, Double> baselineRetrieval(Candidates c, Recommender recommender) {
        List<List<Integer>> ranked = c.users().parallelStream().map(row -> {
            int u = row[0];
            int[] top = recommender.recommend(u, config.k(), t -> c.trained().contains(TaskPairs.pack(u, t))).targets();
            return Arrays.stream(top).boxed().toList();
        }).toList();
        RankingMetrics metrics = new RankingMetrics(config.k());
        Set<Integer> shown = new HashSet<>();
        for (int i = 0; i < ranked.size(); i++) {
            metrics.add(ranked.get(i), relevant(c.users().get(i)));
            shown.addAll(ranked.get(i));
        }
        return metricMap(metrics, shown.size() / (double) c.targets().length);
    }

    private static Set<Integer> relevant(int[] row) {
        Set<Integer> relevant = new HashSet<>();
        for (int i = 1; i < row.length; i++) {
            relevant.add(row[i]);
        }
        return relevant;
    }

    /** Catalogue coverage: the share of the task's targets that appear in at least one user's top K. */
    private Map<String, Double> metricMap(RankingMetrics metrics, double coverage) {
        String k = Integer.toString(config.k());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("hits_at_" + k, metrics.hitsAtK());
        m.put("mrr", metrics.mrr());
        m.put("recall_at_" + k, metrics.recallAtK());
        m.put("ndcg_at_" + k, metrics.ndcgAtK());
        m.put("coverage", coverage);
        return m;
    }

    private List<Integer> rerank(LinkModel model, int u, int[] candidates) {
        long[] pairs = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            pairs[i] = TaskPairs.pack(u, candidates[i]);
        }
        float[] s = model.score(featurizer.features(pairs));
        Integer[] order = new Integer[candidates.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(candidates[a], candidates[b]));
        List<Integer> out = new ArrayList<>(config.k());
        for (int i = 0; i < Math.min(config.k(), order.length); i++) {
            out.add(candidates[order[i]]);
        }
        return out;
    }

    private List<Integer> rankByHeuristic(NeighbourhoodHeuristics.Scores scores, Heuristic heuristic, int u,
                                          int[] targets, java.util.function.IntPredicate excluded) {
        scores.from(u, t -> nodes.kind(t) == nodes.kind(targets[0]));
        int k = config.k();
        int[] best = new int[k];
        double[] bestScore = new double[k];
        int size = 0;
        for (int t : targets) {  // ascending ids: on ties the earlier id stays
            double s = scores.score(heuristic, t);
            // the exclusion (a hash look-up) only for a target that would enter the top K: at 1M posts,
            // testing it first cost a look-up for every user x target x heuristic
            if (size == k && s <= bestScore[size - 1] || excluded.test(t)) {
                continue;
            }
            int i = size < k ? size++ : k - 1;
            while (i > 0 && bestScore[i - 1] < s) {
                best[i] = best[i - 1];
                bestScore[i] = bestScore[i - 1];
                i--;
            }
            best[i] = t;
            bestScore[i] = s;
        }
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(best[i]);
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] labels(int positives, int negatives) {
        float[] y = new float[positives + negatives];
        Arrays.fill(y, 0, positives, 1f);
        return y;
    }
}
