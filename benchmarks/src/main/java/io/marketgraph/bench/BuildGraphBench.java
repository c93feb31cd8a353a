package io.marketgraph.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.build.generate.GenerateConfig;
import io.marketgraph.build.generate.MarketplaceGenerator;
import io.marketgraph.build.graph.BuildGraphConfig;
import io.marketgraph.build.graph.BuildGraphJob;
import io.marketgraph.build.graph.BuildGraphMain;
import io.marketgraph.build.graph.BuildReport;
import io.marketgraph.build.graph.EventSources;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph bench-build-graph}: times build-graph against a bare Spark baseline on
 * the same input, in the same JVM and SparkSession, with the same shuffle partitions. Baseline:
 * read the JSON with an explicit schema, {@code groupBy(user_id, target_id).count()}, write
 * Parquet. Order per size: an untimed warm-up count (JIT and page cache), the baseline, build-graph,
 * build-graph {@code --no-stats}, then the bare GraphX floor ({@link BareGraphX}: PageRank and
 * connected components alone on the edges build-graph wrote). Targets: build-graph at most 1.5 x
 * (read + groupBy + GraphX), {@code --no-stats} at most 1.5 x read + groupBy.
 */
public final class BuildGraphBench {

    /** The flags of {@code bin/marketgraph bench-build-graph}. */
    @Command(name = "bench-build-graph", sortOptions = false,
            description = "Times build-graph against a bare Spark read + groupBy on the same input; JSON out.",
            footer = "Exit: 0 ok, 2 bad usage, 1 failure.")
    static final class Options implements Cli.Checked {
        // ---- input
        @Option(names = "--sizes", paramLabel = "N,N", defaultValue = "1000000,10000000", split = ",",
                description = "event counts to generate and time")
        List<Long> sizes;
        @Option(names = "--data", paramLabel = "DIR",
                description = "time this generated marketplace instead (events/ + entities); --sizes ignored")
        Path data;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "generator seed")
        long seed;
        // ---- run and output
        @Option(names = "--work", paramLabel = "DIR", defaultValue = "/tmp/marketgraph-bench",
                description = "where generated data and outputs go")
        Path work;
        @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]", description = "Spark master")
        String master;
        @Option(names = "--out", paramLabel = "FILE", description = "JSON results (default: WORK/bench-build-graph.json)")
        Path out;

        @Override
        public void check() {
            Cli.existing(data, "--data");
        }
    }

    private BuildGraphBench() {}

    public static void main(String[] args) {
        System.exit(Cli.run("bench-build-graph", new Options(), args, BuildGraphBench::bench));
    }

    private static int bench(Options o) throws IOException {
        Path work = o.work;
        Files.createDirectories(work);
        List<Path> datasets = new ArrayList<>();
        if (o.data != null) {
            datasets.add(o.data);
        } else {
            for (long events : o.sizes) {
                Path dir = work.resolve("data-" + events);
                if (!AtomicOutput.isComplete(dir)) {
                    int users = (int) Math.max(1000, events / 20);
                    new MarketplaceGenerator(new GenerateConfig(dir, users, users, Math.max(1, users / 50), 90,
                            o.seed, 8, 24, events, 0.15, 0.1, GenerateConfig.DEFAULT_NOW,
                            Runtime.getRuntime().availableProcessors(), 25_000, false),
                            LoggingProgressTracker.toStderr("bench generate")).run();
                }
                datasets.add(dir);
            }
        }
        SparkSession spark = BuildGraphMain.session(o.master);
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            for (Path data : datasets) {
                results.add(benchOne(spark, data, work));
            }
        } finally {
            spark.stop();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        out.put("load_average_at_end", Files.readString(Path.of("/proc/loadavg")).trim());
        out.put("results", results);
        Path file = o.out != null ? o.out : work.resolve("bench-build-graph.json");
        Json.write(file, out);
        System.out.println("bench-build-graph: wrote " + file);
        return 0;
    }

    private static Map<String, Object> benchOne(SparkSession spark, Path data, Path work) throws IOException {
        Path events = data.resolve("events");
        long bytes = EventSources.bytes(events);
        int partitions = (int) Math.max(2L * spark.sparkContext().defaultParallelism(), (bytes + (128L << 20) - 1) / (128L << 20));
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
        String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
        StructType schema = new StructType().add("event_id", DataTypes.StringType).add("ts", DataTypes.LongType)
                .add("user_id", DataTypes.StringType).add("action", DataTypes.StringType)
                .add("target_kind", DataTypes.StringType).add("target_id", DataTypes.StringType)
                .add("query", DataTypes.StringType).add("region_id", DataTypes.IntegerType);
        String input = events.toAbsolutePath().toUri().toString();
        spark.sparkContext().setJobGroup("bench", "warm-up count", false);
        long records = spark.read().schema(schema).json(input).count();

        Path baselineOut = work.resolve("baseline-out");
        AtomicOutput.deleteRecursively(baselineOut);
        spark.sparkContext().setJobGroup("bench", "baseline: read JSON, groupBy(user_id, target_id).count(), write Parquet", false);
        long t0 = System.nanoTime();
        spark.read().schema(schema).json(input).groupBy("user_id", "target_id").count()
                .write().parquet(baselineOut.toAbsolutePath().toUri().toString());
        double baseline = (System.nanoTime() - t0) / 1e9;

        Path graphOut = work.resolve("graph-out");
        BuildGraphConfig config = BuildGraphConfig.of(events, data, graphOut, GenerateConfig.DEFAULT_NOW);
        t0 = System.nanoTime();
        ProgressTracker progress = LoggingProgressTracker.toStderr("bench build-graph");
        BuildReport report = new BuildGraphJob(spark, config, progress).run();
        double build = (System.nanoTime() - t0) / 1e9;

        Path bareOut = work.resolve("graph-out-no-stats");
        t0 = System.nanoTime();
        BuildReport bare = new BuildGraphJob(spark, BuildGraphConfig.of(events, data, bareOut, GenerateConfig.DEFAULT_NOW)
                .withStats(false), LoggingProgressTracker.toStderr("bench build-graph --no-stats")).run();
        double noStats = (System.nanoTime() - t0) / 1e9;

        spark.sparkContext().setJobGroup("bench", "bare GraphX: PageRank + connected components on build-graph's edges", false);
        BareGraphX.Timing graphx = BareGraphX.run(spark, graphOut.resolve(GraphDirectory.EDGES), report.nodes(),
                config.pageRankIterations(), config.componentIterations());
        double floor = baseline + graphx.seconds();

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("data", data.toString());
        r.put("events", records);
        r.put("input_bytes", bytes);
        r.put("shuffle_partitions", partitions);
        r.put("baseline_seconds", baseline);
        r.put("build_graph_seconds", build);
        r.put("baseline_events_per_s", records / baseline);
        r.put("build_graph_events_per_s", records / build);
        r.put("ratio", build / baseline);
        r.put("bare_graphx_seconds", graphx.seconds());
        r.put("bare_graphx_stage_seconds", graphx.stages());
        r.put("build_graph_no_stats_seconds", noStats);
        r.put("build_graph_no_stats_stage_seconds", bare.stageSeconds());
        r.put("ratio_to_read_groupby_plus_graphx", build / floor);
        r.put("ratio_no_stats_to_read_groupby", noStats / baseline);
        r.put("build_graph_stage_seconds", report.stageSeconds());
        r.put("nodes", report.nodes());
        r.put("edges", report.edges());
        r.put("load_average_before", load0);
        r.put("load_average_after", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(String.format(Locale.ROOT,
                "bench-build-graph: %,d events (%s): baseline %.1f s (%,.0f ev/s), build-graph %.1f s (%,.0f ev/s), ratio %.2f; load %s",
                records, data, baseline, records / baseline, build, records / build, build / baseline, r.get("load_average_after")));
        System.out.println(String.format(Locale.ROOT,
                "bench-build-graph: bare GraphX (PageRank + components) %.1f s; build-graph / (read+groupBy + GraphX) = "
                        + "%.1f / %.1f = %.2f (target <= 1.5); build-graph --no-stats / read+groupBy = %.1f / %.1f = %.2f "
                        + "(target <= 1.5)", graphx.seconds(), build, floor, build / floor, noStats, baseline, noStats / baseline));
        return r;
    }
}
