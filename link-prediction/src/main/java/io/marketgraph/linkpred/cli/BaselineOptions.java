package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.UsageException;
import io.marketgraph.linkpred.baselines.BaselineConfig;
import io.marketgraph.linkpred.baselines.SparkAls;
import picocli.CommandLine.Option;

/** train-links' classic-recommender flags (a mixin of {@link TrainLinksOptions}). */
public final class BaselineOptions {

    @Option(names = "--baselines", paramLabel = "LIST", defaultValue = "all", description = "classic recommenders on the"
            + " same split: all | none | a list of popularity, regional_popularity, trending, item_knn, als, ease")
    String baselines;

    @Option(names = "--trending-half-life-days", paramLabel = "D", defaultValue = "3",
            description = "trending: half-life of an engagement's weight")
    double trendingHalfLife;

    @Option(names = "--trending-window-days", paramLabel = "D", defaultValue = "14",
            description = "trending: only engagements of the last D days before the split count")
    double trendingWindow;

    @Option(names = "--knn-neighbours", paramLabel = "N", defaultValue = "100", description = "ItemKNN neighbours per post")
    int knnNeighbours;

    @Option(names = "--ease-lambda", paramLabel = "X", defaultValue = "200", description = "EASE L2 regularisation")
    double easeLambda;

    @Option(names = "--ease-max-items", paramLabel = "N", defaultValue = "8000",
            description = "EASE dense solve over at most this many of the most engaged targets")
    int easeMaxItems;

    @Option(names = "--als-rank", paramLabel = "N", defaultValue = "64", description = "Spark MLlib ALS factors")
    int alsRank;

    @Option(names = "--als-reg", paramLabel = "X", defaultValue = "0.05", description = "ALS regularisation")
    double alsReg;

    @Option(names = "--als-alpha", paramLabel = "X", defaultValue = "10", description = "ALS implicit confidence alpha")
    double alsAlpha;

    @Option(names = "--als-iterations", paramLabel = "N", defaultValue = "10", description = "ALS iterations")
    int alsIterations;

    @Option(names = "--baseline-refuse-gap", paramLabel = "PP", defaultValue = "3",
            description = "gate: refuse when recall@K is PP or more below the best baseline's (0 = off)")
    double refuseGap;

    /** @throws UsageException naming the flag and the value */
    BaselineConfig config(long seed) {
        try {
            return new BaselineConfig(BaselineConfig.parseKinds(baselines), trendingHalfLife, trendingWindow,
                    knnNeighbours, easeLambda, easeMaxItems,
                    new SparkAls.Params(alsRank, alsReg, alsAlpha, alsIterations, seed), "local[*]", refuseGap / 100);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
