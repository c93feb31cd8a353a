package io.marketgraph.personalize.eval;

import io.marketgraph.linkpred.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Offline evaluation of rankers on held-out searches: NDCG@10, MRR and clicks in the top 3 per
 * ranker, and for each ranker against the base order the mean difference of NDCG@10 with a 95%
 * bootstrap interval (searches resampled with replacement, percentile method), per user segment.
 */
public final class RerankEvaluator {

    public static final int K = 10;
    public static final int CLICKS_K = 3;

    /** One evaluated search: its segment and each ranker's per-query metrics. */
    public record Row(String segment, Map<String, RankingMetrics.Query> byRanker, Map<String, Integer> clicksAt3) {}

    private final List<Row> rows = new ArrayList<>();
    private final int resamples;
    private final long seed;

    public RerankEvaluator(int resamples, long seed) {
        this.resamples = resamples;
        this.seed = seed;
    }

    /** Adds a search: for each ranker its ranked ids (best first); {@code clicked} is what the user clicked. */
    public void add(String segment, Map<String, List<String>> rankings, Set<String> clicked) {
        Map<String, RankingMetrics.Query> byRanker = new LinkedHashMap<>();
        Map<String, Integer> clicksAt3 = new LinkedHashMap<>();
        rankings.forEach((name, ranked) -> {
            byRanker.put(name, RankingMetrics.query(ranked, clicked, K));
            clicksAt3.put(name, RankingMetrics.query(ranked, clicked, CLICKS_K).hitsInTopK());
        });
        rows.add(new Row(segment, byRanker, clicksAt3));
    }

    public int size() {
        return rows.size();
    }

    /**
     * Metrics per segment ("all" plus each segment): per ranker ndcg_at_10, mrr, clicks_at_3, and for
     * each non-base ranker the NDCG@10 difference to "base" with its interval.
     */
    public Map<String, Object> summary(List<String> rankers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("all", segment(rows, rankers));
        rows.stream().map(Row::segment).distinct().sorted().forEach(s ->
                out.put(s, segment(rows.stream().filter(r -> r.segment().equals(s)).toList(), rankers)));
        return out;
    }

    private Map<String, Object> segment(List<Row> selected, List<String> rankers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("searches", selected.size());
        if (selected.isEmpty()) {
            return out;
        }
        for (String ranker : rankers) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("ndcg_at_10", mean(selected, ranker, Metric.NDCG));
            m.put("mrr", mean(selected, ranker, Metric.MRR));
            m.put("clicks_at_3", mean(selected, ranker, Metric.CLICKS));
            if (!ranker.equals("base")) {
                double[] ci = bootstrap(selected, ranker);
                m.put("ndcg_diff_vs_base", ci[0]);
                m.put("ndcg_diff_ci_low", ci[1]);
                m.put("ndcg_diff_ci_high", ci[2]);
            }
            out.put(ranker, m);
        }
        return out;
    }

    private enum Metric { NDCG, MRR, CLICKS }

    private static double value(Row row, String ranker, Metric metric) {
        RankingMetrics.Query q = row.byRanker().get(ranker);
        return switch (metric) {
            case NDCG -> q.ndcg();
            case MRR -> q.reciprocalRank();
            case CLICKS -> row.clicksAt3().get(ranker);
        };
    }

    private static double mean(List<Row> rows, String ranker, Metric metric) {
        double sum = 0;
        for (Row r : rows) {
            sum += value(r, ranker, metric);
        }
        return sum / rows.size();
    }

    /** {mean difference, 2.5th percentile, 97.5th percentile} of NDCG@10(ranker) - NDCG@10(base). */
    private double[] bootstrap(List<Row> rows, String ranker) {
        int n = rows.size();
        double[] diff = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            diff[i] = rows.get(i).byRanker().get(ranker).ndcg() - rows.get(i).byRanker().get("base").ndcg();
            total += diff[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += diff[random.nextInt(n)];
            }
            means[b] = s / n;
        }
        java.util.Arrays.sort(means);
        return new double[] {total / n, means[(int) Math.floor(0.025 * (resamples - 1))],
                means[(int) Math.ceil(0.975 * (resamples - 1))]};
    }
}
