package io.marketgraph.linkpred.ranker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.calibration.Reliability;
import io.marketgraph.linkpred.candidates.CandidateGenerator;
import io.marketgraph.linkpred.candidates.CandidateGenerator.History;
import io.marketgraph.linkpred.candidates.CandidateSet;
import io.marketgraph.linkpred.candidates.CandidateSource;
import io.marketgraph.linkpred.metrics.RankingMetrics;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The served path on the test period: for each evaluated test user (the same seeded sample as
 * train-links' other scorers) the recall of every candidate source and of the merged set at its
 * budget, the ranker's Recall/NDCG/Hits@K and MRR against the reference baselines and each source
 * alone (with a paired
 * bootstrap 95 % interval of model minus the best of them), and the reliability of the calibrated
 * scores over all candidates of those users.
 */
public final class RankerEvaluation {

    static final int BINS = 15;
    static final int BOOTSTRAP = 1000;
    /** Evaluated users whose served top K the report lists, so that the API can be checked against it. */
    static final int SERVED_SAMPLE = 20;
    /**
     * Each candidate source alone, in its own order, is also a reference: {@code source_regional} is
     * regional trending (recency-weighted), {@code source_popular} global trending,
     * {@code source_coengagement} ItemKNN on the weighted interaction matrix, {@code source_viewed}
     * re-engagement with viewed posts, {@code source_ann} the embedding neighbours.
     */
    static final String SOURCE_PREFIX = "source_";

    /** The report, and each evaluated user's served top K (what the API must return for them). */
    public record Result(ObjectNode json, Reliability reliability, Map<Integer, List<Integer>> served) {}

    private final Recommender recommender;
    private final int k;
    private final long seed;
    private final ProgressTracker progress;

    public RankerEvaluation(Recommender recommender, int k, long seed, ProgressTracker progress) {
        this.recommender = recommender;
        this.k = k;
        this.seed = seed;
        this.progress = progress;
    }

    /** @param train sorted packed training positives; @param test the test positives (new after T) */
    public Result evaluate(long[] train, long[] test, int maxUsers) {
        TreeMap<Integer, Set<Integer>> relevant = new TreeMap<>();
        for (long p : test) {
            relevant.computeIfAbsent(TaskPairs.source(p), u -> new HashSet<>()).add(TaskPairs.target(p));
        }
        List<Integer> all = new ArrayList<>(relevant.keySet());
        Collections.shuffle(all, new Random(seed));
        List<Integer> users = all.subList(0, Math.min(all.size(), maxUsers));
        ReferenceBaselines reference = new ReferenceBaselines(train, 10 * k + 1000);
        CandidateGenerator generator = recommender.generator();
        Map<CandidateSource, double[]> sourceRecall = new EnumMap<>(CandidateSource.class);
        double[] mergedRecall = new double[users.size()];
        double[] size = new double[users.size()];
        Map<String, double[][]> perUser = new LinkedHashMap<>();  // name -> {recall, ndcg, hit, rr}
        for (String name : List.of("model", "popularity", "itemknn")) {
            perUser.put(name, new double[4][users.size()]);
        }
        for (CandidateSource src : CandidateSource.values()) {
            perUser.put(SOURCE_PREFIX + src.key(), new double[4][users.size()]);
        }
        Set<Integer> covered = new HashSet<>();
        List<Float> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        Map<Integer, List<Integer>> served = new LinkedHashMap<>();
        try (ProgressTracker.Stage stage = progress.stage("ranker evaluation", users.size())) {
            for (int i = 0; i < users.size(); i++) {
                int u = users.get(i);
                Set<Integer> rel = relevant.get(u);
                History h = generator.history(u, new int[0]);
                CandidateSet set = generator.generate(u, h, t -> true);
                for (CandidateSource s : CandidateSource.values()) {
                    Set<Integer> from = set.from(s);
                    sourceRecall.computeIfAbsent(s, x -> new double[users.size()])[i] =
                            (double) rel.stream().filter(from::contains).count() / rel.size();
                }
                mergedRecall[i] = (double) rel.stream().filter(set::contains).count() / rel.size();
                size[i] = set.size();
                List<Recommender.Scored> ranked = recommender.rank(u, h, set);
                for (Recommender.Scored s : ranked) {
                    scores.add((float) s.probability());
                    labels.add(rel.contains(s.node()));
                }
                List<Integer> top = ranked.stream().limit(k).map(Recommender.Scored::node).toList();
                served.put(u, top);
                covered.addAll(top);
                put(perUser.get("model"), i, top, rel);
                put(perUser.get("popularity"), i, reference.popularity(u, k), rel);
                put(perUser.get("itemknn"), i, reference.itemKnn(u, k), rel);
                for (CandidateSource src : CandidateSource.values()) {
                    List<Integer> alone = set.ranked(src);
                    put(perUser.get(SOURCE_PREFIX + src.key()), i, alone.subList(0, Math.min(k, alone.size())), rel);
                }
                stage.advance(1);
            }
        }
        float[] s = new float[scores.size()];
        boolean[] y = new boolean[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            y[i] = labels.get(i);
        }
        Reliability reliability = Reliability.of(s, y, BINS);
        ObjectNode json = json(users.size(), sourceRecall, mergedRecall, size, perUser, covered.size(), reliability);
        ObjectNode sample = json.putObject("served_sample");
        served.entrySet().stream().limit(SERVED_SAMPLE).forEach(e -> {
            ArrayNode ids = sample.putArray(recommender.context().nodes().id(e.getKey()));
            e.getValue().forEach(n -> ids.add(recommender.context().nodes().id(n)));
        });
        return new Result(json, reliability, served);
    }

    private void put(double[][] m, int i, List<Integer> ranked, Set<Integer> rel) {
        RankingMetrics.Query q = RankingMetrics.query(ranked, rel, k);
        m[0][i] = q.recall();
        m[1][i] = q.ndcg();
        m[2][i] = q.hit();
        m[3][i] = q.reciprocalRank();
    }

    private ObjectNode json(int users, Map<CandidateSource, double[]> sourceRecall, double[] merged, double[] size,
                            Map<String, double[][]> perUser, int covered, Reliability reliability) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("eval_users", users);
        ObjectNode candidates = out.putObject("candidates");
        ObjectNode budget = candidates.putObject("budget");
        ObjectNode recall = candidates.putObject("recall_at_budget");
        for (CandidateSource src : CandidateSource.values()) {
            budget.put(src.key(), recommender.generator().budget(src));
            recall.put(src.key(), mean(sourceRecall.get(src)));
        }
        recall.put("merged", mean(merged));
        candidates.put("mean_size", mean(size));
        String kk = Integer.toString(k);
        String best = null;
        ObjectNode references = out.putObject("reference_baselines");
        for (Map.Entry<String, double[][]> e : perUser.entrySet()) {
            ObjectNode m = e.getKey().equals("model") ? out.putObject("model") : references.putObject(e.getKey());
            m.put("recall_at_" + kk, mean(e.getValue()[0]));
            m.put("ndcg_at_" + kk, mean(e.getValue()[1]));
            m.put("hits_at_" + kk, mean(e.getValue()[2]));
            m.put("mrr", mean(e.getValue()[3]));
            if (!e.getKey().equals("model") && (best == null || mean(e.getValue()[0]) > mean(perUser.get(best)[0]))) {
                best = e.getKey();
            }
        }
        ((ObjectNode) out.get("model")).put("catalogue_coverage", covered);
        ObjectNode boot = out.putObject("bootstrap_vs_best_reference");
        boot.put("baseline", best);
        boot.put("resamples", BOOTSTRAP);
        for (int metric = 0; metric < 2; metric++) {
            double[] diff = interval(perUser.get("model")[metric], perUser.get(best)[metric]);
            ObjectNode d = boot.putObject(metric == 0 ? "recall_at_" + kk : "ndcg_at_" + kk);
            d.put("difference", diff[0]);
            d.put("ci95_low", diff[1]);
            d.put("ci95_high", diff[2]);
        }
        ObjectNode cal = out.putObject("calibration");
        cal.put("method", recommender.calibrator().kind());
        cal.put("bins", BINS);
        cal.put("predictions", reliability.predictions());
        cal.put("ece", reliability.ece());
        // the base rate the calibration promised on the test candidates and the one observed: a gap here
        // is a shift of the engagement rate between the calibration window and the test window
        cal.put("mean_score", reliability.meanScore());
        cal.put("observed_rate", reliability.observedRate());
        Reliability.Bin top = reliability.bins().get(reliability.bins().size() - 1);
        cal.put("top_bin_mean_score", top.meanScore());
        cal.put("top_bin_observed_rate", top.observedRate());
        cal.put("top_bin_relative_gap", reliability.topBinRelativeGap());
        ArrayNode bins = cal.putArray("reliability");
        for (Reliability.Bin b : reliability.bins()) {
            bins.addObject().put("count", b.count()).put("mean_score", b.meanScore()).put("observed_rate", b.observedRate());
        }
        return out;
    }

    /** Mean difference a - b and its paired bootstrap 95 % percentile interval over users. */
    private double[] interval(double[] a, double[] b) {
        int n = a.length;
        Random random = new Random(seed);
        double[] means = new double[BOOTSTRAP];
        for (int r = 0; r < BOOTSTRAP; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                sum += a[j] - b[j];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {mean(a) - mean(b), means[(int) (0.025 * BOOTSTRAP)], means[(int) (0.975 * BOOTSTRAP) - 1]};
    }

    private static double mean(double[] v) {
        return v == null || v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }
}
