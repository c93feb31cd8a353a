package io.marketgraph.build.graph;

import io.marketgraph.io.InteractionTable;
import io.marketgraph.model.Action;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Writes {@code edges.tsv} ({@code src dst weight}, no header) and {@code interactions.tsv}
 * (header {@link InteractionTable#HEADER}, every edge but LISTED, one count per action) in one
 * pass over the edge table, one gzip part of each per partition ({@link GzipTsvPart}), and counts
 * the edges by kind on the way. An empty partition writes no part, except partition 0, so the
 * directories are never empty. Reads the cached edge blocks' arrays: no row conversion.
 */
final class EdgeTsvWriter {

    private EdgeTsvWriter() {}

    /**
     * @param edgesDir        edges.tsv directory, or null to skip it
     * @param interactionsDir interactions.tsv (or holdout.tsv) directory, or null to skip it
     * @return edges by kind
     */
    static Map<String, Long> write(JavaRDD<PairSums> edges, Path edgesDir, Path interactionsDir) {
        String edgesPath = edgesDir == null ? null : edgesDir.toAbsolutePath().toString();
        String interactionsPath = interactionsDir == null ? null : interactionsDir.toAbsolutePath().toString();
        List<Tuple2<String, Long>> counts = edges.mapPartitions((Iterator<PairSums> blocks) ->
                writePartition(blocks, edgesPath, interactionsPath).iterator()).collect();
        Map<String, Long> byKind = new TreeMap<>();
        for (Tuple2<String, Long> c : counts) {
            byKind.merge(c._1(), c._2(), Long::sum);
        }
        return byKind;
    }

    private static List<Tuple2<String, Long>> writePartition(Iterator<PairSums> blocks, String edgesPath,
                                                             String interactionsPath) {
        TaskContext task = TaskContext.get();
        int partition = task.partitionId();
        long attempt = task.taskAttemptId();
        Map<String, Long> byKind = new TreeMap<>();
        if (!blocks.hasNext() && partition != 0) {
            return List.of();
        }
        int actions = Action.values().length;
        try (GzipTsvPart e = edgesPath == null ? null : new GzipTsvPart(Path.of(edgesPath), partition, attempt);
             GzipTsvPart i = interactionsPath == null ? null : new GzipTsvPart(Path.of(interactionsPath), partition, attempt)) {
            if (i != null) {
                i.text(InteractionTable.HEADER).endLine();
            }
            while (blocks.hasNext()) {
                PairSums b = blocks.next();
                for (int k = 0; k < b.size; k++) {
                    String kind = b.kind(k);
                    byKind.merge(kind, 1L, Long::sum);
                    int src = b.src(k);
                    int dst = b.dst(k);
                    if (e != null) {
                        e.cell(src).tab().cell(dst).tab().cell(b.weight[k]).endLine();
                    }
                    if (i != null && !"LISTED".equals(kind)) {
                        i.cell(src).tab().cell(dst);
                        for (int a = 0; a < actions; a++) {
                            i.tab().cell(b.count(k, a));
                        }
                        i.endLine();
                    }
                }
            }
            if (e != null) {
                e.done();
            }
            if (i != null) {
                i.done();
            }
        }
        List<Tuple2<String, Long>> out = new ArrayList<>();
        byKind.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        return out;
    }
}
