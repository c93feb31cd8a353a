package io.marketgraph.build.graph;

import io.marketgraph.progress.ProgressTracker;
import org.apache.spark.sql.SparkSession;

/**
 * Names each phase of a job twice: as a Spark job group (so the Spark UI and event log tell the
 * same story as the log) and as a progress stage (start, end and wall time in the log and the report).
 */
final class SparkPhases {

    static final String GROUP = "build-graph";
    private final SparkSession spark;
    private final ProgressTracker progress;

    SparkPhases(SparkSession spark, ProgressTracker progress) {
        this.spark = spark;
        this.progress = progress;
    }

    ProgressTracker.Stage begin(String name, String description) {
        spark.sparkContext().setJobGroup(GROUP, GROUP + ": " + name + " (" + description + ")", false);
        return progress.stage(name, 0);
    }

    ProgressTracker progress() {
        return progress;
    }

    /**
     * Sets spark.sql.shuffle.partitions: the requested number, or for 0 max(2 x default
     * parallelism, input bytes / 128 MiB). The 200 default costs seconds of task overhead per
     * shuffle in local mode for no gain.
     */
    static int configurePartitions(SparkSession spark, int requested, long inputBytes) {
        int n = requested > 0 ? requested
                : (int) Math.max(2L * spark.sparkContext().defaultParallelism(), (inputBytes + (128L << 20) - 1) / (128L << 20));
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(n));
        return n;
    }
}
