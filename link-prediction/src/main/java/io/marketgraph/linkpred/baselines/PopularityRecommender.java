package io.marketgraph.linkpred.baselines;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Popularity: a target's score is the sum of its training entry values over all users
 * ({@link #global}); {@link #regional} counts only the users of the asking user's region and breaks
 * ties (and fills a region's short list) by the global score. A user without a region gets the
 * global list. Trending ({@link TrendingRecommender}) is the recency-weighted variant.
 */
public final class PopularityRecommender implements Recommender {

    private final String name;
    private final Engagements data;
    private final float[] global;
    private final int[] globalOrder;
    private final Map<Integer, int[]> regionOrder;
    private final Map<Integer, float[]> regionScore;

    private PopularityRecommender(String name, Engagements data, float[] global, Map<Integer, float[]> regionScore) {
        this.name = name;
        this.data = data;
        this.global = global;
        this.globalOrder = order(global, null);
        this.regionScore = regionScore;
        this.regionOrder = new HashMap<>();
        regionScore.forEach((r, s) -> regionOrder.put(r, order(s, global)));
    }

    public static PopularityRecommender global(Engagements data) {
        return new PopularityRecommender("popularity", data, scores(data, null), Map.of());
    }

    public static PopularityRecommender regional(Engagements data) {
        Map<Integer, float[]> byRegion = new HashMap<>();
        for (int u = 0; u < data.nodes().size(); u++) {
            if (data.userEnd(u) > data.userStart(u) && data.nodes().region(u) >= 0) {
                float[] s = byRegion.computeIfAbsent(data.nodes().region(u), r -> new float[data.targets().length]);
                for (int i = data.userStart(u); i < data.userEnd(u); i++) {
                    s[data.slotAt(i)] += data.valueAt(i);
                }
            }
        }
        return new PopularityRecommender("regional_popularity", data, scores(data, null), byRegion);
    }

    static float[] scores(Engagements data, float[] perEntryWeight) {
        float[] s = new float[data.targets().length];
        for (int i = 0; i < data.entries(); i++) {
            s[data.slotAt(i)] += perEntryWeight == null ? data.valueAt(i) : perEntryWeight[i];
        }
        return s;
    }

    /** Slots by descending score, then by the tie-break score, then ascending slot. */
    static int[] order(float[] score, float[] tieBreak) {
        return IntStream.range(0, score.length).boxed()
                .sorted((a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a])
                        : tieBreak != null && tieBreak[a] != tieBreak[b] ? Float.compare(tieBreak[b], tieBreak[a])
                        : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        int region = user >= 0 && user < data.nodes().size() ? data.nodes().region(user) : -1;
        int[] order = regionOrder.get(region);
        if (order == null) {
            return TopScores.firstK(globalOrder, global, data.targets(), k, excluded);
        }
        return TopScores.firstK(order, regionScore.get(region), data.targets(), k, excluded);
    }

    /** The global scores by slot (a copy), e.g. as a feature. */
    public float[] globalScores() {
        return Arrays.copyOf(global, global.length);
    }
}
