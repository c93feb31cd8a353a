package io.marketgraph.embeddings.spark;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.WalkOrder;
import io.marketgraph.embeddings.walks.WalkRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The distributed walk job. The walker (CSR + alias tables) is broadcast when it fits the budget;
 * the corpus slots {@code 0 .. n x walksPerNode - 1} (the in-process corpus order: round by round,
 * start nodes in each round's permutation) are split into contiguous ranges, one task each; a task
 * runs the same {@link BiasedWalker} with the same per-(seed, start, walk index) random stream as the
 * in-process corpus and writes its walks straight to its part file ({@link WalkFiles}). Nothing but
 * the part list comes back to the driver, so driver memory does not grow with the number of walks.
 */
public final class SparkWalks {

    private SparkWalks() {}

    /** Bytes the broadcast walker takes: offsets, neighbours, weights and alias tables. */
    public static long broadcastBytes(CsrGraph graph) {
        long entries = graph.neighbours().length;
        return 4L * (graph.nodeCount() + 1) + 4L * entries + (graph.weighted() ? 12L * entries : 0L);
    }

    /**
     * Generates every walk on the executors into {@code dir} (any Hadoop filesystem URI; replaced)
     * and returns the parts as a corpus.
     *
     * @param budgetBytes the broadcast budget; a larger graph is refused with the sizes in the message
     */
    public static FileWalks write(JavaSparkContext jsc, BiasedWalker walker, String dir, int partitions,
                                  long budgetBytes) {
        long bytes = broadcastBytes(walker.graph());
        if (bytes > budgetBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--spark: the graph takes %,d MB to broadcast (%,d nodes, %,d adjacency entries%s), over "
                            + "--broadcast-budget-mb %,d; raise it (each executor holds one copy)", bytes >> 20,
                    walker.graph().nodeCount(), (long) walker.graph().neighbours().length,
                    walker.graph().weighted() ? ", weighted" : "", budgetBytes >> 20));
        }
        int n = walker.graph().nodeCount();
        int rounds = walker.config().walksPerNode();
        int walkLength = walker.config().walkLength();
        long seed = walker.config().seed();
        long slots = (long) n * rounds;
        Configuration hadoop = jsc.hadoopConfiguration();
        prepare(hadoop, dir);
        Broadcast<BiasedWalker> shared = jsc.broadcast(walker);
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        List<long[]> ranges = new ArrayList<>();
        long step = Math.max(1, (slots + partitions - 1) / partitions);
        for (long from = 0; from < slots; from += step) {
            ranges.add(new long[] {from, Math.min(slots, from + step)});
        }
        jsc.parallelize(ranges, Math.max(1, ranges.size())).foreach(range -> {
            BiasedWalker w = shared.value();
            TaskContext task = TaskContext.get();
            String attempt = task == null ? "0" : task.stageAttemptNumber() + "-" + task.taskAttemptId();
            WalkRandom rnd = new WalkRandom();
            int[] buf = new int[walkLength];
            int[] perm = null;
            int permRound = -1;
            try (WalkFiles.Writer out = new WalkFiles.Writer(conf.value().value(), dir, range[0], attempt, walkLength)) {
                for (long s = range[0]; s < range[1]; s++) {
                    int round = (int) (s / n);
                    if (round != permRound) {
                        perm = WalkOrder.permutation(n, seed, round);
                        permRound = round;
                    }
                    int len = w.walk(perm[(int) (s % n)], round, buf, rnd);
                    out.write(buf, len);
                }
                out.commit();
            }
        });
        List<WalkFiles.Part> parts = WalkFiles.list(hadoop, dir, walkLength, slots);
        try {
            Path root = new Path(dir);
            root.getFileSystem(hadoop).create(new Path(root, "_SUCCESS"), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + "/_SUCCESS", e);
        }
        return new FileWalks(hadoop, parts, n, walkLength);
    }

    /** Removes a previous run's walks and creates the directory. */
    private static void prepare(Configuration hadoop, String dir) {
        try {
            Path root = new Path(dir);
            org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(hadoop);
            if (fs.exists(root)) {
                fs.delete(root, true);
            }
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the walk directory " + dir, e);
        }
    }
}
