package io.marketgraph.build.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Duplicate event ids among accepted records: all but the earliest (by ts, then input order:
 * partition, then position) of each event_id lose. Two steps, so the common case (no duplicates)
 * moves 8 bytes an event: (1) the 64-bit hashes of the ids are shuffled as one long[] per block and
 * reducer, and hashes seen twice are collected; (2) only records with such a hash are compared by
 * their real event_id, so a hash collision between different ids never makes a duplicate.
 */
final class DuplicateEvents {

    private DuplicateEvents() {}

    /** Losers per block partition: ascending indexes into that block's accepted records. */
    static Map<Integer, int[]> losers(JavaSparkContext jsc, JavaRDD<EventBlock> blocks, int reducers) {
        long[] candidates = repeatedHashes(blocks, reducers);
        if (candidates.length == 0) {
            return Map.of();
        }
        Broadcast<long[]> cand = jsc.broadcast(candidates);
        List<Tuple2<Integer, Integer>> lost = blocks.flatMapToPair(b -> {
            long[] c = cand.value();
            List<Tuple2<String, long[]>> out = new ArrayList<>();
            for (int i = 0; i < b.size; i++) {
                if (b.hasId(i) && Arrays.binarySearch(c, b.idHash[i]) >= 0) {
                    out.add(new Tuple2<>(b.eventId(i), new long[] {b.ts[i], b.partition, i}));
                }
            }
            return out.iterator();
        }).groupByKey(reducers).flatMap(group -> {
            List<long[]> records = new ArrayList<>();
            group._2().forEach(records::add);
            records.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]).thenComparingLong(r -> r[2]));
            List<Tuple2<Integer, Integer>> out = new ArrayList<>();
            for (int k = 1; k < records.size(); k++) {
                out.add(new Tuple2<>((int) records.get(k)[1], (int) records.get(k)[2]));
            }
            return out.iterator();
        }).collect();
        cand.destroy();
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (Tuple2<Integer, Integer> l : lost) {
            byPartition.computeIfAbsent(l._1(), k -> new ArrayList<>()).add(l._2());
        }
        Map<Integer, int[]> result = new HashMap<>();
        byPartition.forEach((p, idx) -> result.put(p, idx.stream().mapToInt(Integer::intValue).sorted().toArray()));
        return result;
    }

    /** Hashes that occur on more than one accepted record with an event_id, sorted. */
    static long[] repeatedHashes(JavaRDD<EventBlock> blocks, int reducers) {
        List<long[]> perReducer = blocks.flatMapToPair(b -> {
            int[] n = new int[reducers];
            for (int i = 0; i < b.size; i++) {
                if (b.hasId(i)) {
                    n[reducer(b.idHash[i], reducers)]++;
                }
            }
            long[][] split = new long[reducers][];
            for (int r = 0; r < reducers; r++) {
                split[r] = new long[n[r]];
            }
            Arrays.fill(n, 0);
            for (int i = 0; i < b.size; i++) {
                if (b.hasId(i)) {
                    int r = reducer(b.idHash[i], reducers);
                    split[r][n[r]++] = b.idHash[i];
                }
            }
            List<Tuple2<Integer, long[]>> out = new ArrayList<>();
            for (int r = 0; r < reducers; r++) {
                out.add(new Tuple2<>(r, split[r]));
            }
            return out.iterator();
        }).groupByKey(reducers).map(t -> {
            int total = 0;
            for (long[] a : t._2()) {
                total += a.length;
            }
            long[] all = new long[total];
            int at = 0;
            for (long[] a : t._2()) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            return repeated(all);
        }).collect();
        long[] all = perReducer.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** The values occurring more than once, each once, sorted (sorts {@code values} in place). */
    static long[] repeated(long[] values) {
        Arrays.sort(values);
        long[] out = new long[8];
        int n = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] == values[i - 1] && (n == 0 || out[n - 1] != values[i])) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = values[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int reducer(long hash, int reducers) {
        return (int) Math.floorMod(hash, (long) reducers);
    }
}
