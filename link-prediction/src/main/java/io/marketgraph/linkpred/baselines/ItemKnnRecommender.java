package io.marketgraph.linkpred.baselines;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Item-item collaborative filtering (ItemKNN): cosine similarity between targets on the user ×
 * target matrix of {@link Engagements}, keeping each target's {@code neighbours} most similar
 * targets (sparse, so it scales to a million posts: memory is targets x neighbours x 8 bytes, time
 * the sum over users of their row length squared). A user's score for a target is the sum, over
 * the targets in the user's history, of value x similarity. Also the post→post "related posts" answer
 * ({@link #neighbours}).
 *
 * <p>Tuning: 50 to 200 neighbours is the usual range; fewer favours precision on dense data, more
 * helps coverage on sparse data.
 */
public final class ItemKnnRecommender implements Recommender {

    private final Engagements data;
    private final int[][] neighbourSlots;
    private final float[][] neighbourSims;
    private final ThreadLocal<Scratch> scratch;

    private record Scratch(float[] acc, int[] touched) {}

    public ItemKnnRecommender(Engagements data, int neighbours) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("ItemKNN needs neighbours >= 1, got " + neighbours);
        }
        this.data = data;
        int n = data.targets().length;
        float[] norm = new float[n];
        for (int s = 0; s < n; s++) {
            double sq = 0;
            for (int j = data.itemStart(s); j < data.itemEnd(s); j++) {
                sq += (double) data.itemValueAt(j) * data.itemValueAt(j);
            }
            norm[s] = (float) Math.sqrt(sq);
        }
        neighbourSlots = new int[n][];
        neighbourSims = new float[n][];
        scratch = ThreadLocal.withInitial(() -> new Scratch(new float[n], new int[n]));
        IntStream.range(0, n).parallel().forEach(s -> similar(s, norm, neighbours));
    }

    private void similar(int s, float[] norm, int k) {
        Scratch sc = scratch.get();
        float[] acc = sc.acc();
        int[] touched = sc.touched();
        int count = 0;
        for (int j = data.itemStart(s); j < data.itemEnd(s); j++) {
            int u = data.itemUserAt(j);
            float v = data.itemValueAt(j);
            for (int i = data.userStart(u); i < data.userEnd(u); i++) {
                int t = data.slotAt(i);
                if (t != s) {
                    if (acc[t] == 0f) {
                        touched[count++] = t;
                    }
                    acc[t] += v * data.valueAt(i);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            int t = touched[i];
            acc[t] = acc[t] / (norm[s] * norm[t]);
        }
        Arrays.sort(touched, 0, count);
        Recommender.Ranked top = selectTouched(acc, touched, count, k);
        for (int i = 0; i < count; i++) {
            acc[touched[i]] = 0f;
        }
        neighbourSlots[s] = top.targets();
        neighbourSims[s] = top.scores();
    }

    /** The top k of the touched slots by acc (ties: lower slot), as slots. */
    private static Recommender.Ranked selectTouched(float[] acc, int[] touched, int count, int k) {
        int[] best = new int[Math.min(k, count)];
        float[] bestScore = new float[best.length];
        int size = 0;
        for (int i = 0; i < count; i++) {
            int t = touched[i];
            float s = acc[t];
            if (best.length == 0 || (size == best.length && s <= bestScore[size - 1])) {
                continue;
            }
            int at = size < best.length ? size++ : best.length - 1;
            while (at > 0 && bestScore[at - 1] < s) {
                best[at] = best[at - 1];
                bestScore[at] = bestScore[at - 1];
                at--;
            }
            best[at] = t;
            bestScore[at] = s;
        }
        return new Recommender.Ranked(Arrays.copyOf(best, size), Arrays.copyOf(bestScore, size));
    }

    @Override
    public String name() {
        return "item_knn";
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        Scratch sc = scratch.get();
        float[] acc = sc.acc();
        int[] touched = sc.touched();
        int count = 0;
        for (int i = data.userStart(user); i < data.userEnd(user); i++) {
            int s = data.slotAt(i);
            float v = data.valueAt(i);
            int[] ns = neighbourSlots[s];
            float[] sims = neighbourSims[s];
            for (int x = 0; x < ns.length; x++) {
                if (acc[ns[x]] == 0f) {
                    touched[count++] = ns[x];
                }
                acc[ns[x]] += v * sims[x];
            }
        }
        Arrays.sort(touched, 0, count);
        int[] keep = new int[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!excluded.test(data.targets()[touched[i]])) {
                keep[kept++] = touched[i];
            }
        }
        Recommender.Ranked top = selectTouched(acc, keep, kept, k);
        for (int i = 0; i < count; i++) {
            acc[touched[i]] = 0f;
        }
        int[] nodes = new int[top.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = data.targets()[top.targets()[i]];
        }
        return new Ranked(nodes, top.scores());
    }

    /** The most similar targets of a target node (related posts), best first, as node ids. */
    public Ranked neighbours(int target) {
        int s = data.slot(target);
        if (s < 0) {
            return Ranked.EMPTY;
        }
        int[] nodes = Arrays.stream(neighbourSlots[s]).map(x -> data.targets()[x]).toArray();
        return new Ranked(nodes, neighbourSims[s].clone());
    }
}
