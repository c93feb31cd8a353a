package io.marketgraph.linkpred.baselines;

import io.marketgraph.cli.CliFlags;
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

    public static final Set<String> VALUED = Set.of("--baselines", "--trending-half-life-days", "--trending-window-days",
            "--knn-neighbours", "--ease-lambda", "--ease-max-items", "--als-rank", "--als-reg", "--als-alpha",
            "--als-iterations", "--baseline-refuse-gap");

    public static final String USAGE = """
              --baselines LIST       classic recommenders on the same split: all | none | a list of popularity,
                                     regional_popularity, trending, item_knn, als, ease (default: all)
              --trending-half-life-days D  (default: 3)    --trending-window-days D  (default: 14)
              --knn-neighbours N     ItemKNN neighbours per post (default: 100)
              --ease-lambda X        (default: 200)        --ease-max-items N  dense solve size (default: 8000)
              --als-rank N (64)  --als-reg X (0.05)  --als-alpha X (10)  --als-iterations N (10): Spark MLlib ALS
              --baseline-refuse-gap PP  gate: refuse when recall@K is PP or more below the best baseline's (default: 3, 0 = off)
            """;

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

    public static BaselineConfig fromFlags(CliFlags flags, long seed) {
        String list = flags.string("--baselines", "all").trim();
        Set<Kind> kinds = list.equalsIgnoreCase("all") ? EnumSet.allOf(Kind.class)
                : list.equalsIgnoreCase("none") ? EnumSet.noneOf(Kind.class)
                : EnumSet.copyOf(Arrays.stream(list.split(",")).map(Kind::parse).toList());
        return new BaselineConfig(kinds, flags.doubleValue("--trending-half-life-days", 3),
                flags.doubleValue("--trending-window-days", 14), flags.intValue("--knn-neighbours", 100),
                flags.doubleValue("--ease-lambda", 200), flags.intValue("--ease-max-items", 8000),
                new SparkAls.Params(flags.intValue("--als-rank", 64), flags.doubleValue("--als-reg", 0.05),
                        flags.doubleValue("--als-alpha", 10), flags.intValue("--als-iterations", 10), seed),
                "local[*]", flags.doubleValue("--baseline-refuse-gap", 3) / 100);
    }

    public List<Kind> ordered() {
        return List.copyOf(kinds);
    }
}
