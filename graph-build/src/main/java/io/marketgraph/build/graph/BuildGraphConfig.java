package io.marketgraph.build.graph;

import io.marketgraph.cli.UsageException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What build-graph does. Either {@code events} + {@code entities} or {@code edgeList} is set.
 *
 * @param shufflePartitions 0 = automatic: max(2 x cores, input bytes / 128 MiB)
 * @param nowMillis         events after this are FUTURE_TIMESTAMP (default: the run's wall clock)
 * @param splitAtMillis     when set, accepted events at or after it go to holdout.tsv instead of the graph
 * @param stats             false (--no-stats): skip GraphX; degree, pagerank and component are -1
 */
public record BuildGraphConfig(Path events, Path entities, Path edgeList, Path out, String master, long nowMillis,
                               EdgeWeighting weighting, double listedWeight, double maxRejectFraction,
                               int popularTopN, int pageRankIterations, int componentIterations,
                               int shufflePartitions, Path neo4jCsv, Long splitAtMillis, boolean stats) {

    public static final double DEFAULT_MAX_REJECT_FRACTION = 0.05;

    /** With the statistics computed (the default). */
    public BuildGraphConfig(Path events, Path entities, Path edgeList, Path out, String master, long nowMillis,
                            EdgeWeighting weighting, double listedWeight, double maxRejectFraction, int popularTopN,
                            int pageRankIterations, int componentIterations, int shufflePartitions, Path neo4jCsv,
                            Long splitAtMillis) {
        this(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight, maxRejectFraction,
                popularTopN, pageRankIterations, componentIterations, shufflePartitions, neo4jCsv, splitAtMillis, true);
    }

    public BuildGraphConfig {
        if (out == null) {
            throw new UsageException("missing required flag --out");
        }
        if (edgeList == null && (events == null || entities == null)) {
            throw new UsageException("give --events PATH and --entities DIR, or --edge-list FILE");
        }
        if (edgeList != null && (events != null || entities != null)) {
            throw new UsageException("--edge-list cannot be combined with --events/--entities");
        }
        check(listedWeight > 0 && !Double.isInfinite(listedWeight), "--listed-weight must be > 0, got %s", listedWeight);
        check(maxRejectFraction >= 0 && maxRejectFraction <= 1, "--max-reject-fraction must be in 0..1, got %s", maxRejectFraction);
        check(popularTopN > 0, "--popular-top must be > 0, got %s", popularTopN);
        check(pageRankIterations > 0, "--pagerank-iterations must be > 0, got %s", pageRankIterations);
        check(componentIterations > 0, "--components-max-iterations must be > 0, got %s", componentIterations);
        check(shufflePartitions >= 0, "--shuffle-partitions must be >= 0, got %s", shufflePartitions);
    }

    /** A config for tests and benchmarks: defaults everywhere. */
    public static BuildGraphConfig of(Path events, Path entities, Path out, long nowMillis) {
        return new BuildGraphConfig(events, entities, null, out, "local[*]", nowMillis, EdgeWeighting.defaults(),
                1.0, DEFAULT_MAX_REJECT_FRACTION, 50, 10, 50, 0, null, null);
    }

    public BuildGraphConfig withSplitAt(Long millis) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRankIterations, componentIterations, shufflePartitions, neo4jCsv, millis, stats);
    }

    public BuildGraphConfig withMaxRejectFraction(double f) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight, f,
                popularTopN, pageRankIterations, componentIterations, shufflePartitions, neo4jCsv, splitAtMillis, stats);
    }

    public BuildGraphConfig withShufflePartitions(int n) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRankIterations, componentIterations, n, neo4jCsv, splitAtMillis, stats);
    }

    public BuildGraphConfig withGraphIterations(int pageRank, int components) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRank, components, shufflePartitions, neo4jCsv, splitAtMillis, stats);
    }

    public BuildGraphConfig withNeo4jCsv(Path dir) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRankIterations, componentIterations, shufflePartitions, dir, splitAtMillis, stats);
    }

    public BuildGraphConfig withStats(boolean on) {
        return new BuildGraphConfig(events, entities, edgeList, out, master, nowMillis, weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRankIterations, componentIterations, shufflePartitions, neo4jCsv,
                splitAtMillis, on);
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new UsageException(String.format(Locale.ROOT, format, args));
        }
    }
}
