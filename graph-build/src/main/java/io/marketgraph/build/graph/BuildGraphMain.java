package io.marketgraph.build.graph;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.progress.LoggingProgressTracker;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/marketgraph build-graph} and the spark-submit entry point. Creates the SparkSession
 * (only {@code --master} when none was set by spark-submit), runs the job, prints a summary.
 * Exit 0 ok, 2 bad usage, 3 quarantined fraction over --max-reject-fraction, 1 failure.
 */
public final class BuildGraphMain {

    private BuildGraphMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        BuildGraphConfig config;
        try {
            CliFlags flags = CliFlags.parse(args, BuildGraphConfig.VALUED, BuildGraphConfig.SWITCHES);
            if (flags.help()) {
                System.out.println(BuildGraphConfig.USAGE);
                return 0;
            }
            config = BuildGraphConfig.fromFlags(flags);
        } catch (CliFlags.UsageException e) {
            System.err.println("build-graph: " + e.getMessage());
            System.err.println(BuildGraphConfig.USAGE);
            return 2;
        }
        SparkSession spark = session(config.master());
        try {
            BuildReport r = config.edgeList() != null
                    ? new EdgeListJob(spark, config, LoggingProgressTracker.toStderr("build-graph")).run()
                    : new BuildGraphJob(spark, config, LoggingProgressTracker.toStderr("build-graph")).run();
            System.out.println(summary(config, r));
            return r.rejectedOverThreshold() ? 3 : 0;
        } catch (CliFlags.UsageException e) {
            System.err.println("build-graph: " + e.getMessage());
            return 2;
        } catch (InvalidInputException e) {
            System.err.println("build-graph: invalid input: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("build-graph: failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            spark.stop();
        }
    }

    /** Local-mode defaults that matter for speed; spark-submit --conf values win. */
    public static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("marketgraph build-graph")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.local.dir", System.getProperty("java.io.tmpdir"));
        if (System.getProperty("spark.master") == null) {
            b.master(master);
        }
        return b.getOrCreate();
    }

    static String summary(BuildGraphConfig c, BuildReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "build-graph: %s%s in %.1f s%n", r.rejectedOverThreshold()
                ? "REJECTED, graph not written; see " : "wrote ", r.rejectedOverThreshold()
                ? c.out() + ".rejected" : c.out().toString(), r.seconds()));
        s.append(String.format(Locale.ROOT, "  records in    %,d%n  accepted      %,d%n  quarantined   %,d (%.3f%%, limit %.3f%%)%n",
                r.recordsIn(), r.accepted(), r.quarantinedTotal(), 100 * r.quarantinedFraction(), 100 * r.maxRejectFraction()));
        r.quarantined().forEach((k, v) -> s.append(String.format(Locale.ROOT, "    %-26s %,d%n", k, v)));
        s.append(String.format(Locale.ROOT, "  nodes         %,d %s%n  edges         %,d %s%n", r.nodes(), r.nodesByKind(),
                r.edges(), r.edgesByKind()));
        s.append(String.format(Locale.ROOT, "  graph         %s%n  popular posts %,d%n  stages (s)    %s", r.graph(),
                r.popularPosts(), r.stageSeconds()));
        return s.toString();
    }
}
