package io.marketgraph.build.graph;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.model.Action;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    public static final Set<String> VALUED = Set.of("--events", "--entities", "--edge-list", "--out", "--master",
            "--now", "--half-life-days", "--weight", "--listed-weight", "--max-reject-fraction", "--popular-top",
            "--pagerank-iterations", "--components-max-iterations", "--shuffle-partitions", "--neo4j-import-csv",
            "--split-at");

    public static final String USAGE = String.join("\n",
            "usage: bin/marketgraph build-graph --events PATH --entities DIR --out DIR [flags]",
            "       bin/marketgraph build-graph --edge-list FILE --out DIR [flags]",
            "  --events PATH                 events: a file or directory of .jsonl/.json/.csv/.parquet (.gz ok), mixed allowed",
            "  --entities DIR                users.csv, posts.csv, businesses.csv (or .csv.gz or part directories)",
            "  --edge-list FILE              instead of events+entities: a SNAP edge list 'src dst [weight]' (all nodes USER)",
            "  --out DIR                     graph directory, replaced atomically (required)",
            "  --master URL                  Spark master (default local[*]; ignored under spark-submit if set there)",
            "  --now EPOCH_MS|ISO            events after this are rejected as future_timestamp (default: wall clock)",
            "  --half-life-days D            decay half-life in days (default 30)",
            "  --weight ACTION=W             per-action weight, repeatable (defaults VIEW=1 SEARCH_CLICK=1.5 LIKE=3",
            "                                AD_CLICK=2 CHAT=5 FOLLOW=4 PURCHASE=10)",
            "  --listed-weight W             weight of the seller -> post LISTED edge (default 1.0)",
            "  --max-reject-fraction F       exit 3 and keep the previous output if more are quarantined (default 0.05)",
            "  --popular-top N               popular ACTIVE posts kept per region (default 50)",
            "  --pagerank-iterations N       GraphX static PageRank iterations (default 10)",
            "  --components-max-iterations N GraphX connected-components Pregel rounds (default 50)",
            "  --shuffle-partitions N        0 = max(2 x cores, input / 128 MiB) (default 0)",
            "  --neo4j-import-csv DIR        also write neo4j-admin bulk-import CSVs there (default: off)",
            "  --split-at EPOCH_MS|ISO       time split: events from then on are kept out of the graph and written to",
            "                                holdout.tsv for leakage-free evaluation (default: off)",
            "  --no-stats                    skip the GraphX statistics (degree, pagerank, component written as -1)");

    /** The flags without a value. */
    public static final Set<String> SWITCHES = Set.of("--no-stats");

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
            throw new CliFlags.UsageException("missing required flag --out");
        }
        if (edgeList == null && (events == null || entities == null)) {
            throw new CliFlags.UsageException("give --events PATH and --entities DIR, or --edge-list FILE");
        }
        if (edgeList != null && (events != null || entities != null)) {
            throw new CliFlags.UsageException("--edge-list cannot be combined with --events/--entities");
        }
        check(listedWeight > 0 && !Double.isInfinite(listedWeight), "--listed-weight must be > 0, got %s", listedWeight);
        check(maxRejectFraction >= 0 && maxRejectFraction <= 1, "--max-reject-fraction must be in 0..1, got %s", maxRejectFraction);
        check(popularTopN > 0, "--popular-top must be > 0, got %s", popularTopN);
        check(pageRankIterations > 0, "--pagerank-iterations must be > 0, got %s", pageRankIterations);
        check(componentIterations > 0, "--components-max-iterations must be > 0, got %s", componentIterations);
        check(shufflePartitions >= 0, "--shuffle-partitions must be >= 0, got %s", shufflePartitions);
    }

    public static BuildGraphConfig fromFlags(CliFlags f) {
        Map<Action, Double> weights = new EnumMap<>(Action.class);
        EdgeWeighting weighting;
        try {
            for (String w : f.all("--weight")) {
                Map.Entry<Action, Double> e = EdgeWeighting.parseOverride(w);
                weights.put(e.getKey(), e.getValue());
            }
            weighting = new EdgeWeighting(weights, f.doubleValue("--half-life-days", EdgeWeighting.DEFAULT_HALF_LIFE_DAYS));
        } catch (IllegalArgumentException e) {
            throw new CliFlags.UsageException(e.getMessage());
        }
        long now = System.currentTimeMillis();
        if (f.has("--now")) {
            now = Timestamps.parseMillis(f.string("--now", null));
            check(now != Timestamps.INVALID, "--now must be epoch millis or ISO-8601, got '%s'", f.string("--now", null));
        }
        return new BuildGraphConfig(path(f, "--events"), path(f, "--entities"), path(f, "--edge-list"), path(f, "--out"),
                f.string("--master", "local[*]"), now, weighting, f.doubleValue("--listed-weight", 1.0),
                f.doubleValue("--max-reject-fraction", DEFAULT_MAX_REJECT_FRACTION), f.intValue("--popular-top", 50),
                f.intValue("--pagerank-iterations", 10), f.intValue("--components-max-iterations", 50),
                f.intValue("--shuffle-partitions", 0), path(f, "--neo4j-import-csv"), splitAt(f), !f.has("--no-stats"));
    }

    private static Long splitAt(CliFlags f) {
        if (!f.has("--split-at")) {
            return null;
        }
        long t = Timestamps.parseMillis(f.string("--split-at", null));
        check(t != Timestamps.INVALID, "--split-at must be epoch millis or ISO-8601, got '%s'", f.string("--split-at", null));
        return t;
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

    private static Path path(CliFlags f, String flag) {
        String v = f.string(flag, null);
        return v == null ? null : Path.of(v);
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new CliFlags.UsageException(String.format(Locale.ROOT, format, args));
        }
    }
}
