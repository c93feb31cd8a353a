package io.marketgraph.build.graph;

import io.marketgraph.io.Timestamps;
import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.model.Action;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph build-graph}; {@link #config()} turns them into the job's config. */
@Command(name = "build-graph", sortOptions = false,
        description = {"Events + entities (or a SNAP edge list) -> graph directory, on Spark.",
                "  bin/marketgraph build-graph --events PATH --entities DIR --out DIR [flags]",
                "  bin/marketgraph build-graph --edge-list FILE --out DIR [flags]"},
        footer = {"Exit: 0 ok, 2 bad usage, 3 more quarantined than --max-reject-fraction allows (the report and",
                "the quarantine are still written to OUT.rejected), 1 failure."})
public final class BuildGraphOptions implements Cli.Checked {

    // ---- input and output
    @Option(names = "--events", paramLabel = "PATH",
            description = "events: a file or directory of .jsonl/.json/.csv/.parquet (.gz ok), mixed allowed")
    Path events;

    @Option(names = "--entities", paramLabel = "DIR",
            description = "users, posts, businesses (each .jsonl/.json/.csv/.parquet, .gz ok, or a part directory)")
    Path entities;

    @Option(names = "--edge-list", paramLabel = "FILE",
            description = "instead of events+entities: a SNAP edge list 'src dst [weight]' (all nodes USER)")
    Path edgeList;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "graph directory, replaced atomically")
    Path out;

    @Option(names = "--neo4j-import-csv", paramLabel = "DIR", description = "also write neo4j-admin bulk-import CSVs there")
    Path neo4jCsv;

    // ---- time
    @Option(names = "--now", paramLabel = "EPOCH_MS|ISO",
            description = "events after this are rejected as future_timestamp (default: wall clock)")
    String now;

    @Option(names = "--split-at", paramLabel = "EPOCH_MS|ISO", description = "time split: events from then on are kept"
            + " out of the graph and written to holdout.tsv for leakage-free evaluation (default: off)")
    String splitAt;

    // ---- edge weights
    @Option(names = "--half-life-days", paramLabel = "D", defaultValue = "" + EdgeWeighting.DEFAULT_HALF_LIFE_DAYS,
            description = "decay half-life in days")
    double halfLifeDays;

    @Option(names = "--weight", paramLabel = "ACTION=W", description = "per-action weight, repeatable (defaults VIEW=1"
            + " SEARCH_CLICK=1.5 LIKE=3 AD_CLICK=2 CHAT=5 FOLLOW=4 PURCHASE=10)")
    List<String> weights = new ArrayList<>();

    @Option(names = "--listed-weight", paramLabel = "W", defaultValue = "1.0",
            description = "weight of the seller -> post LISTED edge")
    double listedWeight;

    // ---- quality gate and statistics
    @Option(names = "--max-reject-fraction", paramLabel = "F", defaultValue = "" + BuildGraphConfig.DEFAULT_MAX_REJECT_FRACTION,
            description = "exit 3 and keep the previous output if more are quarantined")
    double maxRejectFraction;

    @Option(names = "--popular-top", paramLabel = "N", defaultValue = "50", description = "popular ACTIVE posts kept per region")
    int popularTopN;

    @Option(names = "--pagerank-iterations", paramLabel = "N", defaultValue = "10",
            description = "GraphX static PageRank iterations")
    int pageRankIterations;

    @Option(names = "--components-max-iterations", paramLabel = "N", defaultValue = "50",
            description = "GraphX connected-components Pregel rounds")
    int componentIterations;

    @Option(names = "--no-stats", description = "skip the GraphX statistics (degree, pagerank, component written as -1)")
    boolean noStats;

    // ---- Spark
    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (ignored under spark-submit if set there)")
    String master;

    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "0",
            description = "0 = max(2 x cores, input / 128 MiB)")
    int shufflePartitions;

    @Override
    public void check() {
        Cli.existing(events, "--events");
        Cli.existing(entities, "--entities");
        Cli.existing(edgeList, "--edge-list");
        config(); // every rule of the config record, before a SparkSession exists
    }

    /** @throws UsageException naming the flag and the value */
    public BuildGraphConfig config() {
        Map<Action, Double> overrides = new EnumMap<>(Action.class);
        EdgeWeighting weighting;
        try {
            for (String w : weights) {
                Map.Entry<Action, Double> e = EdgeWeighting.parseOverride(w);
                overrides.put(e.getKey(), e.getValue());
            }
            weighting = new EdgeWeighting(overrides, halfLifeDays);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new BuildGraphConfig(events, entities, edgeList, out, master,
                now == null ? System.currentTimeMillis() : millis("--now", now), weighting, listedWeight,
                maxRejectFraction, popularTopN, pageRankIterations, componentIterations, shufflePartitions, neo4jCsv,
                splitAt == null ? null : millis("--split-at", splitAt), !noStats);
    }

    private static long millis(String flag, String text) {
        long t = Timestamps.parseMillis(text);
        Cli.require(t != Timestamps.INVALID, "%s must be epoch millis or ISO-8601, got '%s'", flag, text);
        return t;
    }
}
