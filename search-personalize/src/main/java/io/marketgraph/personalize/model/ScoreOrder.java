package io.marketgraph.personalize.model;

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

    /** The same for float scores (widened exactly, so the order is that of {@code Float.compare}). */
    public static int[] descending(float[] scores, int n) {
        double[] wide = new double[n];
        for (int i = 0; i < n; i++) {
            wide[i] = scores[i];
        }
        return descending(wide, n);
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
