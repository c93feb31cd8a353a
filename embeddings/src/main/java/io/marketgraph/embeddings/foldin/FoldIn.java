package io.marketgraph.embeddings.foldin;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.model.NodeKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vectors for nodes the model has not seen (new users, new posts), without retraining:
 * <ul>
 *   <li>with edges: the weighted mean of the neighbours' vectors ({@link #fromNeighbours});</li>
 *   <li>without: the mean vector of the known nodes of the same kind and region, and/or of the same
 *       kind and category ({@link #fromSideInformation}); both means are precomputed once.</li>
 * </ul>
 * Thread-safe after construction; the serving layer holds one per loaded store.
 */
public final class FoldIn {

    private final EmbeddingStore store;
    private final Map<Key, float[]> byRegion;
    private final Map<Key, float[]> byCategory;

    private record Key(NodeKind kind, int value) {}

    public FoldIn(EmbeddingStore store) {
        this.store = store;
        this.byRegion = means(store, true);
        this.byCategory = means(store, false);
    }

    private static Map<Key, float[]> means(EmbeddingStore store, boolean region) {
        int dim = store.dim();
        Map<Key, double[]> sums = new HashMap<>();
        Map<Key, Integer> counts = new HashMap<>();
        for (int row = 0; row < store.count(); row++) {
            int value = region ? store.nodes().region(row) : store.nodes().category(row);
            if (value < 0) {
                continue;
            }
            Key key = new Key(store.nodes().kind(row), value);
            double[] sum = sums.computeIfAbsent(key, k -> new double[dim]);
            for (int k = 0; k < dim; k++) {
                sum[k] += store.vectors()[row * dim + k];
            }
            counts.merge(key, 1, Integer::sum);
        }
        Map<Key, float[]> means = new HashMap<>();
        sums.forEach((key, sum) -> {
            float[] mean = new float[dim];
            int n = counts.get(key);
            for (int k = 0; k < dim; k++) {
                mean[k] = (float) (sum[k] / n);
            }
            means.put(key, mean);
        });
        return means;
    }

    /**
     * The weighted mean of the rows' vectors: {@code sum(w_i * v_i) / sum(w_i)}.
     *
     * @param rows    embedding-store rows of the new node's neighbours
     * @param weights edge weights (same length), or {@code null} for all 1
     */
    public float[] fromNeighbours(int[] rows, float[] weights) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows is empty: use fromSideInformation for a node without edges");
        }
        if (weights != null && weights.length != rows.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weights has %d entries for %d rows", weights.length, rows.length));
        }
        int dim = store.dim();
        double[] sum = new double[dim];
        double total = 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (row < 0 || row >= store.count()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "rows[%d]=%d is not a row of the store (0..%d)", i, row, store.count() - 1));
            }
            double w = weights == null ? 1.0 : weights[i];
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "weights[%d]=%s must be finite and > 0", i, w));
            }
            total += w;
            for (int k = 0; k < dim; k++) {
                sum[k] += w * store.vectors()[row * dim + k];
            }
        }
        float[] out = new float[dim];
        for (int k = 0; k < dim; k++) {
            out[k] = (float) (sum[k] / total);
        }
        return out;
    }

    /**
     * For a node without edges: the mean of the (kind, region) mean and the (kind, category) mean
     * where both exist, the one that exists otherwise, empty when neither (pass -1 for unknown).
     */
    public Optional<float[]> fromSideInformation(NodeKind kind, int region, int category) {
        float[] r = region < 0 ? null : byRegion.get(new Key(kind, region));
        float[] c = category < 0 ? null : byCategory.get(new Key(kind, category));
        if (r == null && c == null) {
            return Optional.empty();
        }
        if (r == null || c == null) {
            return Optional.of((r == null ? c : r).clone());
        }
        float[] out = new float[r.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (r[k] + c[k]) / 2f;
        }
        return Optional.of(out);
    }

    /** {@code v} scaled to unit length (unchanged if zero), for cosine-based serving. */
    public static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return v.clone();
        }
        float[] out = new float[v.length];
        double inv = 1 / Math.sqrt(norm);
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) (v[k] * inv);
        }
        return out;
    }
}
