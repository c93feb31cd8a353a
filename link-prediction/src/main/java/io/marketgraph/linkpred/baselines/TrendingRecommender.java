package io.marketgraph.linkpred.baselines;

import java.util.function.IntPredicate;

/**
 * Trending: recency-decayed popularity over the last {@code windowDays} before the split. Each
 * training entry counts {@code value x 0.5^(age / halfLifeDays)}, entries older than the window not
 * at all. The graph keeps no per-event times, so an entry's age is recovered from its build-graph
 * decay: {@code age = -graphHalfLife x log2(recency)} (exact when the pair's events share a day,
 * the mean decay otherwise), measured from the graph's newest event.
 *
 * <p>Tuning: a half-life of a few days follows what is hot now (listings on a marketplace live
 * about two weeks); a long window with a long half-life tends to plain popularity.
 */
public final class TrendingRecommender implements Recommender {

    private final Engagements data;
    private final float[] score;
    private final int[] order;

    public TrendingRecommender(Engagements data, double graphHalfLifeDays, double halfLifeDays, double windowDays) {
        if (!(halfLifeDays > 0) || !(windowDays > 0) || !(graphHalfLifeDays > 0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "trending needs half-lives and window > 0, got graph half-life %s, half-life %s, window %s",
                    graphHalfLifeDays, halfLifeDays, windowDays));
        }
        this.data = data;
        float[] weight = new float[data.entries()];
        for (int i = 0; i < weight.length; i++) {
            double ageDays = -graphHalfLifeDays * Math.log(data.recencyAt(i)) / Math.log(2);
            weight[i] = ageDays > windowDays ? 0f : (float) (data.valueAt(i) * Math.pow(0.5, ageDays / halfLifeDays));
        }
        score = PopularityRecommender.scores(data, weight);
        order = PopularityRecommender.order(score, PopularityRecommender.scores(data, null));
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        return TopScores.firstK(order, score, data.targets(), k, excluded);
    }
}
