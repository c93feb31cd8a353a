package io.marketgraph.linkpred.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item
 * weight matrix in closed form, {@code P = (X^T X + lambda I)^-1}, {@code B = -P / diag(P)} with a zero
 * diagonal; a user's scores are {@code x_u B}. The solve is dense (targets² floats, one inverse on
 * the PyTorch engine through DJL), so it runs on the {@code maxItems} most engaged targets only;
 * the others are never recommended (the report names how many targets it covered).
 *
 * <p>Tuning: lambda grows with the data (the paper uses 200 to 1000 on MovieLens-20M and Netflix);
 * too small over-fits rare co-occurrences, too large tends to popularity.
 */
public final class EaseRecommender implements Recommender {

    private final Engagements data;
    private final int[] itemSlots;    // EASE index -> slot
    private final int[] indexOf;      // slot -> EASE index, or -1
    private final float[] weights;    // row-major B, items x items
    private final int items;

    public EaseRecommender(Engagements data, double lambda, int maxItems) {
        if (!(lambda > 0) || maxItems < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "EASE needs lambda > 0 and max items >= 1, got %s and %d", lambda, maxItems));
        }
        this.data = data;
        int n = data.targets().length;
        int[] count = new int[n];
        for (int i = 0; i < data.entries(); i++) {
            count[data.slotAt(i)]++;
        }
        int[] bySupport = java.util.stream.IntStream.range(0, n).filter(s -> count[s] > 0).boxed()
                .sorted((a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).limit(maxItems).toArray();
        Arrays.sort(bySupport);
        itemSlots = bySupport;
        items = itemSlots.length;
        indexOf = new int[n];
        Arrays.fill(indexOf, -1);
        for (int x = 0; x < items; x++) {
            indexOf[itemSlots[x]] = x;
        }
        weights = solve(gram(), lambda);
    }

    /** Number of targets EASE scores (the {@code maxItems} most engaged). */
    public int items() {
        return items;
    }

    private float[] gram() {
        float[] g = new float[items * items];
        int[] idx = new int[64];
        float[] val = new float[64];
        for (int u = 0; u < data.nodes().size(); u++) {
            int m = 0;
            for (int i = data.userStart(u); i < data.userEnd(u); i++) {
                int x = indexOf[data.slotAt(i)];
                if (x >= 0) {
                    if (m == idx.length) {
                        idx = Arrays.copyOf(idx, 2 * m);
                        val = Arrays.copyOf(val, 2 * m);
                    }
                    idx[m] = x;
                    val[m++] = data.valueAt(i);
                }
            }
            for (int a = 0; a < m; a++) {
                int row = idx[a] * items;
                for (int b = 0; b < m; b++) {
                    g[row + idx[b]] += val[a] * val[b];
                }
            }
        }
        return g;
    }

    private float[] solve(float[] g, double lambda) {
        for (int x = 0; x < items; x++) {
            g[x * items + x] += (float) lambda;
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray p = manager.create(g, new Shape(items, items)).inverse();
            NDArray b = p.div(p.diagonal().neg());  // column j divided by -P_jj
            float[] out = b.toFloatArray();
            for (int x = 0; x < items; x++) {
                out[x * items + x] = 0f;
            }
            return out;
        }
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        float[] scores = new float[items];
        boolean any = false;
        for (int i = data.userStart(user); i < data.userEnd(user); i++) {
            int x = indexOf[data.slotAt(i)];
            if (x >= 0) {
                any = true;
                float v = data.valueAt(i);
                int row = x * items;
                for (int y = 0; y < items; y++) {
                    scores[y] += v * weights[row + y];
                }
            }
        }
        if (!any) {
            return Ranked.EMPTY;
        }
        int[] targets = new int[items];
        for (int x = 0; x < items; x++) {
            targets[x] = data.targets()[itemSlots[x]];
        }
        return TopScores.select(scores, targets, k, excluded, false);
    }
}
