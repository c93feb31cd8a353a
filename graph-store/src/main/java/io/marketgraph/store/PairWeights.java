package io.marketgraph.store;

import java.util.Arrays;

/**
 * The weight of every (src, dst) node pair of a graph directory's {@code edges.tsv}, in an
 * open-addressing hash table of primitives (17 bytes a slot, 1.33-2.67 slots a pair: 1 M edges
 * take 17-34 MB), with a "claimed" mark per pair. The export claims the pairs that
 * {@code interactions.tsv} types as interactions; the pairs left unclaimed are the listings
 * (seller -> post), which {@code interactions.tsv} leaves out. It also finds duplicate pairs, which
 * a CREATE-based first load must not write twice.
 */
final class PairWeights {

    /** What {@link #claim} found. */
    enum Claim { CLAIMED, ABSENT, ALREADY_CLAIMED }

    interface PairSink {
        void accept(int src, int dst, double weight);
    }

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final double[] weights;
    private final boolean[] claimed;
    private final int mask;
    private int size;

    /** A table sized for {@code expected} pairs (it cannot grow beyond that). */
    PairWeights(long expected) {
        long capacity = Long.highestOneBit(Math.max(4, expected * 4 / 3 + 1)) << 1;   // load 0.375..0.75
        if (capacity > 1 << 30) {
            throw new IllegalArgumentException(expected + " edges are too many to type in memory (at most 2^29)");
        }
        keys = new long[(int) capacity];
        Arrays.fill(keys, EMPTY);
        weights = new double[(int) capacity];
        claimed = new boolean[(int) capacity];
        mask = (int) capacity - 1;
    }

    private static long key(int src, int dst) {
        return ((long) src << 32) | (dst & 0xffffffffL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Adds a pair; false (and nothing changes) when the pair is already there. */
    boolean put(int src, int dst, double weight) {
        long key = key(src, dst);
        int i = slot(key);
        if (keys[i] == key) {
            return false;
        }
        if (size + 1 > (mask + 1) * 3L / 4) {
            throw new IllegalStateException("PairWeights is full: sized for fewer pairs than were put");
        }
        keys[i] = key;
        weights[i] = weight;
        size++;
        return true;
    }

    /** Marks the pair as claimed; {@link #weight} then returns its weight. */
    Claim claim(int src, int dst) {
        int i = slot(key(src, dst));
        if (keys[i] == EMPTY) {
            return Claim.ABSENT;
        }
        if (claimed[i]) {
            return Claim.ALREADY_CLAIMED;
        }
        claimed[i] = true;
        return Claim.CLAIMED;
    }

    /** The weight of a pair that is present (NaN if it is not). */
    double weight(int src, int dst) {
        int i = slot(key(src, dst));
        return keys[i] == EMPTY ? Double.NaN : weights[i];
    }

    int size() {
        return size;
    }

    /** Every pair not claimed, ordered by (src, dst) so that the export is deterministic and local. */
    void forEachUnclaimed(PairSink sink) {
        int n = 0;
        long[] left = new long[size];
        for (int i = 0; i <= mask; i++) {
            if (keys[i] != EMPTY && !claimed[i]) {
                left[n++] = keys[i];
            }
        }
        Arrays.sort(left, 0, n);
        for (int j = 0; j < n; j++) {
            int src = (int) (left[j] >>> 32);
            int dst = (int) left[j];
            sink.accept(src, dst, weight(src, dst));
        }
    }
}
