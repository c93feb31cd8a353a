package io.marketgraph.linkpred.task;

import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The positive pairs of a task, split by time: training positives come from the graph's
 * interactions (events before the split), test positives from the holdout (events after it) that
 * were not already positive before. A pair is packed as {@code (long) source << 32 | target}.
 */
public record TaskPairs(LinkTask task, long[] train, long[] test) {

    public static TaskPairs of(LinkTask task, NodeTable nodes, InteractionTable before, InteractionTable after) {
        long[] train = positives(task, nodes, before);
        Set<Long> known = new HashSet<>();
        for (long pair : train) {
            known.add(pair);
        }
        long[] test = Arrays.stream(positives(task, nodes, after)).filter(p -> !known.contains(p)).toArray();
        return new TaskPairs(task, train, test);
    }

    /** The task's positive pairs in {@code table}, packed, sorted, distinct. */
    public static long[] positives(LinkTask task, NodeTable nodes, InteractionTable table) {
        return java.util.stream.IntStream.range(0, table.size())
                .filter(i -> nodes.kind(table.src(i)) == NodeKind.USER
                        && nodes.kind(table.dst(i)) == task.targetKind()
                        && table.hasAny(i, task.actionArray()))
                .mapToLong(i -> pack(table.src(i), table.dst(i)))
                .distinct()
                .sorted()
                .toArray();
    }

    public static long pack(int source, int target) {
        return ((long) source << 32) | (target & 0xffffffffL);
    }

    public static int source(long pair) {
        return (int) (pair >>> 32);
    }

    public static int target(long pair) {
        return (int) pair;
    }
}
