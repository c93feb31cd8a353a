package io.marketgraph.build.graph;

import io.marketgraph.model.Action;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * Accepted events to user -> target edges: each block sums its events per (src, dst) pair first
 * (time-decayed weight from {@link EdgeWeighting}, one count per action), then the partial sums go
 * to reducers as primitive arrays, one record per block and reducer, and are merged there in block
 * order. Each pair's weight is therefore summed in input order within a block and in partition
 * order across blocks: the same inputs always give the same bits.
 */
final class EdgeAggregation {

    /** Which accepted events: all, before the split time, or from the split time on. */
    enum Window { ALL, BEFORE, FROM }

    private static final int ACTIONS = Action.values().length;

    private EdgeAggregation() {}

    /** Rows in {@link BuildGraphJob#edgeColumns()} order (src, dst, weight, kind, n_view ...). */
    static JavaRDD<Row> aggregate(JavaRDD<EventBlock> blocks, int reducers, EdgeWeighting weighting, long tRef,
                                  Window window, long split, int firstBusiness) {
        Action[] actions = Action.values();
        return blocks.flatMapToPair(b -> {
            PairSums sums = new PairSums(1024);
            for (int i = 0; i < b.size; i++) {
                long ts = b.ts[i];
                if (window == Window.BEFORE && ts >= split || window == Window.FROM && ts < split) {
                    continue;
                }
                int a = b.action(i);
                sums.add(((long) b.src[i] << 32) | (b.dst[i] & 0xffffffffL),
                        weighting.weight(actions[a], ts, tRef), a, 1);
            }
            return sums.split(b.partition, reducers).iterator();
        }).groupByKey(reducers).flatMap(t -> {
            List<PairSums> parts = new ArrayList<>();
            t._2().forEach(parts::add);
            parts.sort(Comparator.comparingInt(p -> p.partition));
            int total = parts.stream().mapToInt(p -> p.size).sum();
            PairSums merged = new PairSums(Math.max(16, total));
            for (PairSums p : parts) {
                for (int e = 0; e < p.size; e++) {
                    merged.merge(p, e);
                }
            }
            List<Row> rows = new ArrayList<>(merged.size);
            for (int e = 0; e < merged.size; e++) {
                rows.add(merged.row(e, firstBusiness));
            }
            return rows.iterator();
        });
    }

    /** Sums per (src, dst) key, dense in first-seen order, with an open-addressing index. */
    static final class PairSums implements Serializable {
        private static final long serialVersionUID = 1L;
        int partition;
        int size;
        long[] keys;
        double[] weight;
        int[] counts;
        private transient int[] slots;

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

        Row row(int e, int firstBusiness) {
            int src = (int) (keys[e] >>> 32);
            int dst = (int) keys[e];
            Object[] r = new Object[4 + ACTIONS];
            r[0] = src;
            r[1] = dst;
            r[2] = weight[e];
            r[3] = dst < firstBusiness ? "USER_POST" : "USER_BUSINESS";
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
}
