package io.marketgraph.build.graph;

import io.marketgraph.model.Action;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * Edge sums per (src, dst) key ({@code src << 32 | dst}), dense in first-seen order, with an
 * open-addressing index: a block's partial sums, a reducer's share of them, and the merged,
 * compacted edges that {@link EdgeAggregation} caches.
 */
final class PairSums implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int ACTIONS = Action.values().length;
    int partition;
    /** The kind of every edge here, or null: USER_POST below {@link #firstBusiness}, else USER_BUSINESS. */
    String kind;
    int firstBusiness;
    int size;
    long[] keys;
    double[] weight;
    int[] counts;
    private transient int[] slots;

    /** The key of the pair (src, dst): src in the high 32 bits, dst in the low. */
    static long key(int src, int dst) {
        return ((long) src << 32) | (dst & 0xffffffffL);
    }

    /**
     * The entries of {@code parts} summed per key, the parts taken in partition order (so each key's
     * sum has the same order, and bits, every run), compacted.
     */
    static PairSums mergeInPartitionOrder(Iterable<PairSums> parts) {
        List<PairSums> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(p -> p.partition));
        PairSums merged = new PairSums(Math.max(16, sorted.stream().mapToInt(p -> p.size).sum()));
        for (PairSums p : sorted) {
            for (int e = 0; e < p.size; e++) {
                merged.merge(p, e);
            }
        }
        return merged.compact();
    }

    PairSums(int capacity) {
        keys = new long[capacity];
        weight = new double[capacity];
        counts = new int[capacity * ACTIONS];
    }

    void add(long key, double w, int action, int count) {
        int e = entry(key);
        weight[e] += w;
        counts[e * ACTIONS + action] += count;
    }

    void merge(PairSums other, int e) {
        int m = entry(other.keys[e]);
        weight[m] += other.weight[e];
        for (int a = 0; a < ACTIONS; a++) {
            counts[m * ACTIONS + a] += other.counts[e * ACTIONS + a];
        }
    }

    int src(int e) {
        return (int) (keys[e] >>> 32);
    }

    int dst(int e) {
        return (int) keys[e];
    }

    String kind(int e) {
        return kind != null ? kind : dst(e) < firstBusiness ? "USER_POST" : "USER_BUSINESS";
    }

    int count(int e, int action) {
        return counts[e * ACTIONS + action];
    }

    /** Trimmed to size, without the index: what is cached. */
    PairSums compact() {
        keys = Arrays.copyOf(keys, size);
        weight = Arrays.copyOf(weight, size);
        counts = Arrays.copyOf(counts, size * ACTIONS);
        slots = null;
        return this;
    }

    Row row(int e) {
        Object[] r = new Object[4 + ACTIONS];
        r[0] = src(e);
        r[1] = dst(e);
        r[2] = weight[e];
        r[3] = kind(e);
        for (int a = 0; a < ACTIONS; a++) {
            r[4 + a] = counts[e * ACTIONS + a];
        }
        return RowFactory.create(r);
    }

    /** The entries grouped by reducer (by key hash), each group in first-seen order. */
    List<Tuple2<Integer, PairSums>> split(int fromPartition, int reducers) {
        PairSums[] out = new PairSums[reducers];
        int[] n = new int[reducers];
        for (int e = 0; e < size; e++) {
            n[reducer(keys[e], reducers)]++;
        }
        for (int r = 0; r < reducers; r++) {
            out[r] = new PairSums(n[r]);
            out[r].partition = fromPartition;
        }
        for (int e = 0; e < size; e++) {
            PairSums o = out[reducer(keys[e], reducers)];
            int k = o.size++;
            o.keys[k] = keys[e];
            o.weight[k] = weight[e];
            System.arraycopy(counts, e * ACTIONS, o.counts, k * ACTIONS, ACTIONS);
        }
        List<Tuple2<Integer, PairSums>> list = new ArrayList<>();
        for (int r = 0; r < reducers; r++) {
            if (out[r].size > 0) {
                list.add(new Tuple2<>(r, out[r]));
            }
        }
        return list;
    }

    private int entry(long key) {
        if (slots == null || size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int s = (int) EventBlock.mix(key) & mask;
        while (true) {
            int e = slots[s] - 1;
            if (e < 0) {
                if (size == keys.length) {
                    int c = Math.max(16, size * 2);
                    keys = Arrays.copyOf(keys, c);
                    weight = Arrays.copyOf(weight, c);
                    counts = Arrays.copyOf(counts, c * ACTIONS);
                }
                keys[size] = key;
                slots[s] = ++size;
                return size - 1;
            }
            if (keys[e] == key) {
                return e;
            }
            s = (s + 1) & mask;
        }
    }

    private void grow() {
        int cap = Integer.highestOneBit(Math.max(16, size * 4) - 1) << 1;
        slots = new int[cap];
        int mask = cap - 1;
        for (int e = 0; e < size; e++) {
            int s = (int) EventBlock.mix(keys[e]) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = e + 1;
        }
    }

    private static int reducer(long key, int reducers) {
        return (int) Math.floorMod(EventBlock.mix(key ^ 0x5bd1e995L), (long) reducers);
    }
}
