package io.marketgraph.linkpred.baselines;

import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the configured baselines on one task's {@link Engagements}, each in its own progress stage
 * (so its time is in the run's stage timings). ItemKNN, ALS and EASE lists shorter than K (users
 * with little or no training history) are filled from global popularity ({@link FilledRecommender}).
 */
public final class Baselines {

    /** The fitted recommenders in {@link BaselineConfig.Kind} order, and facts for the report (e.g. EASE's item count). */
    public record Fitted(List<Recommender> recommenders, Map<String, Long> facts) {}

    private Baselines() {}

    public static Fitted fit(Engagements data, BaselineConfig config, double graphHalfLifeDays, ProgressTracker progress) {
        List<Recommender> out = new ArrayList<>();
        Map<String, Long> facts = new LinkedHashMap<>();
        Recommender popularity = PopularityRecommender.global(data);  // fills the personalised lists of users without history
        for (BaselineConfig.Kind kind : config.ordered()) {
            try (ProgressTracker.Stage stage = progress.stage("baseline " + kind.key(), 0)) {
                out.add(switch (kind) {
                    case POPULARITY -> PopularityRecommender.global(data);
                    case REGIONAL_POPULARITY -> PopularityRecommender.regional(data);
                    case TRENDING -> new TrendingRecommender(data, graphHalfLifeDays, config.trendingHalfLife(),
                            config.trendingWindow());
                    case ITEM_KNN -> new FilledRecommender(new ItemKnnRecommender(data, config.knnNeighbours()), popularity);
                    case ALS -> new FilledRecommender(SparkAls.fit(data, config.als(), config.sparkMaster()), popularity);
                    case EASE -> {
                        EaseRecommender ease = new EaseRecommender(data, config.easeLambda(), config.easeMaxItems());
                        facts.put("ease_items", (long) ease.items());
                        yield new FilledRecommender(ease, popularity);
                    }
                });
            }
        }
        facts.put("targets", (long) data.targets().length);
        facts.put("training_entries", (long) data.entries());
        return new Fitted(out, facts);
    }
}
