package io.marketgraph.personalize.model;

import java.util.Arrays;

/**
 * The order of a list by score, highest first, ties in list order: what sorting boxed indexes
 * with {@code Double.compare(score[b], score[a])} then the index gives, without boxing (a stable
 * merge sort over primitive indexes; a few hundred candidates per request).
 */
public final class ScoreOrder {

    private ScoreOrder() {}

    /** {@code order[r]} = the index of the candidate at rank r among the first {@code n} scores. */
    public static int[] descending(double[] scores, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                merge(scores, order, buffer, lo, lo + width, Math.min(lo + 2 * width, n));
            }
        }
        return order;
    }

    /**
     * The same for float scores, faster: each score's {@code Float.compare} order as an int, packed
     * with the index into one long, and a primitive sort of those keys.
     */
    public static int[] descending(float[] scores, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(scores[i]);
            int ascending = bits ^ ((bits >> 31) & 0x7fffffff); // signed-int order = Float.compare order
            keys[i] = (long) ~ascending << 32 | i; // ~ reverses the signed order: highest score first, then the index
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = (int) keys[r];
        }
        return order;
    }

    private static void merge(double[] scores, int[] order, int[] buffer, int lo, int mid, int hi) {
        System.arraycopy(order, lo, buffer, lo, hi - lo);
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
            // the left run holds the earlier indexes: it wins ties, which keeps the list order
            if (b >= hi || (a < mid && Double.compare(scores[buffer[a]], scores[buffer[b]]) >= 0)) {
                order[k] = buffer[a++];
            } else {
                order[k] = buffer[b++];
            }
        }
    }
}
