package io.marketgraph.linkpred.baselines;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which classic recommenders train-links fits as baselines, with their settings.
 *
 * @param kinds            the baselines to fit (empty: none)
 * @param trendingHalfLife trending: half-life in days of an engagement's weight
 * @param trendingWindow   trending: only engagements of the last this many days before the split count
 * @param knnNeighbours    ItemKNN: neighbours kept per target
 * @param easeLambda       EASE: L2 regularisation
 * @param easeMaxItems     EASE: the dense solve covers at most this many of the most engaged targets
 * @param als              ALS settings
 * @param sparkMaster      Spark master for ALS
 * @param refuseGap        gate: refuse a candidate whose recall@K is this far (0..1, 0.03 = 3 pp) or more
 *                         below the best baseline's; 0 switches the check off
 */
public record BaselineConfig(Set<Kind> kinds, double trendingHalfLife, double trendingWindow, int knnNeighbours,
                             double easeLambda, int easeMaxItems, SparkAls.Params als, String sparkMaster,
                             double refuseGap) {

    /** The baselines, by report name. */
    public enum Kind {
        POPULARITY("popularity"), REGIONAL_POPULARITY("regional_popularity"), TRENDING("trending"),
        ITEM_KNN("item_knn"), ALS("als"), EASE("ease");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.key.equalsIgnoreCase(value.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--baselines: unknown baseline '%s', expected all, none or a list of %s", value,
                    Arrays.stream(values()).map(Kind::key).toList()));
        }
    }

    /** No baselines and no baseline gate (what the pre-baseline TrainLinksConfig constructor means). */
    public static final BaselineConfig NONE = new BaselineConfig(EnumSet.noneOf(Kind.class), 3, 14, 100, 200, 8000,
            new SparkAls.Params(64, 0.05, 10, 10, 42), "local[*]", 0);

    public BaselineConfig {
        kinds = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
        if (!(trendingHalfLife > 0) || !(trendingWindow > 0) || knnNeighbours < 1 || !(easeLambda > 0) || easeMaxItems < 1
                || !(refuseGap >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "baselines need half-life, window, lambda > 0, neighbours, ease max items >= 1, refuse gap >= 0; "
                            + "got %s, %s, %s, %d, %d, %s", trendingHalfLife, trendingWindow, easeLambda, knnNeighbours,
                    easeMaxItems, refuseGap));
        }
    }

    /** {@code all}, {@code none} or a comma-separated list of report names. */
    public static Set<Kind> parseKinds(String list) {
        String l = list.trim();
        return l.equalsIgnoreCase("all") ? EnumSet.allOf(Kind.class)
                : l.equalsIgnoreCase("none") ? EnumSet.noneOf(Kind.class)
                : EnumSet.copyOf(Arrays.stream(l.split(",")).map(Kind::parse).toList());
    }

    public List<Kind> ordered() {
        return List.copyOf(kinds);
    }
}
