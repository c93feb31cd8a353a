package io.marketgraph.embeddings.drift;

import io.marketgraph.embeddings.walks.WalkRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a retrain moved the shared nodes: the mean cosine of each node's old and new vector
 * (meaningful after {@link Procrustes} alignment) and the neighbour overlap at 10: for a node, the
 * share of its 10 nearest shared nodes (cosine) in the old space that are still among its 10
 * nearest in the new space, averaged. The overlap does not depend on any rotation. Exact search;
 * with more than {@link #MAX_QUERIES} shared nodes the overlap is averaged over that many query
 * nodes drawn by seed (the neighbours are still searched among all shared nodes).
 */
public final class Drift {

    public static final int K = 10;
    public static final int MAX_QUERIES = 2000;

    /** The numbers of report.json's {@code drift} section. */
    public record Result(double meanCosine, double neighbourOverlapAt10, int queries, int shared, int added,
                         int dropped) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean_cosine", meanCosine);
            m.put("neighbour_overlap_at_10", neighbourOverlapAt10);
            m.put("overlap_queries", queries);
            m.put("shared_nodes", shared);
            m.put("new_nodes", added);
            m.put("dropped_nodes", dropped);
            return m;
        }
    }

    private Drift() {}

    public static Result measure(float[] now, float[] before, WarmStart match, int dim, long seed) {
        int[][] pairs = match.pairs();
        int[] nowRows = pairs[0];
        int[] beforeRows = pairs[1];
        int n = nowRows.length;
        float[] a = unitRows(now, nowRows, dim);
        float[] b = unitRows(before, beforeRows, dim);
        double cosine = 0;
        for (int i = 0; i < n; i++) {
            cosine += dot(a, i, a, i, dim) == 0 || dot(b, i, b, i, dim) == 0 ? 0 : dot(a, i, b, i, dim);
        }
        int[] queries = queries(n, seed);
        double overlap = 0;
        for (int q : queries) {
            int[] kept = nearest(b, q, n, dim);
            int[] fresh = nearest(a, q, n, dim);
            int common = 0;
            for (int x : kept) {
                for (int y : fresh) {
                    common += x == y ? 1 : 0;
                }
            }
            overlap += common / (double) Math.max(1, kept.length);
        }
        return new Result(cosine / Math.max(1, n), overlap / Math.max(1, queries.length), queries.length, n,
                match.added(), match.dropped());
    }

    /** All shared nodes, or MAX_QUERIES of them by a partial Fisher-Yates from the seed. */
    private static int[] queries(int n, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= MAX_QUERIES) {
            return all;
        }
        WalkRandom rnd = new WalkRandom().reseed(seed, -3L, 0);
        for (int i = 0; i < MAX_QUERIES; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, MAX_QUERIES);
    }

    /** The K nearest rows of {@code q} by cosine (unit rows: dot), itself excluded; ties to the lower row. */
    private static int[] nearest(float[] unit, int q, int n, int dim) {
        int k = Math.min(K, n - 1);
        int[] best = new int[k];
        double[] score = new double[k];
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            if (j == q) {
                continue;
            }
            double s = dot(unit, q, unit, j, dim);
            if (k == 0 || s <= score[k - 1]) {
                continue;
            }
            int pos = k - 1;
            while (pos > 0 && score[pos - 1] < s) {
                score[pos] = score[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            score[pos] = s;
            best[pos] = j;
        }
        return best;
    }

    private static float[] unitRows(float[] vectors, int[] rows, int dim) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            double norm = 0;
            for (int c = 0; c < dim; c++) {
                double x = vectors[rows[i] * dim + c];
                norm += x * x;
            }
            float scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
            for (int c = 0; c < dim; c++) {
                out[i * dim + c] = vectors[rows[i] * dim + c] * scale;
            }
        }
        return out;
    }

    private static double dot(float[] x, int i, float[] y, int j, int dim) {
        double s = 0;
        int a = i * dim;
        int b = j * dim;
        for (int c = 0; c < dim; c++) {
            s += x[a + c] * y[b + c];
        }
        return s;
    }
}
