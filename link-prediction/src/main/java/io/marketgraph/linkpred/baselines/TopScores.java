package io.marketgraph.linkpred.baselines;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Top-K selection over a dense score array indexed by target slot: the shared last step of the
 * score-everything recommenders (ItemKNN, EASE, ALS). Ties go to the lower slot (= lower node id,
 * since {@link Engagements#targets()} ascend). Zero or negative-infinity scores are "not scored".
 */
final class TopScores {

    private TopScores() {}

    /**
     * @param scores   score per slot; slots never scored must be {@code Float.NEGATIVE_INFINITY}
     *                 (or 0 when {@code skipZero})
     */
    static Recommender.Ranked select(float[] scores, int[] targets, int k, IntPredicate excluded, boolean skipZero) {
        int[] best = new int[k];
        float[] bestScore = new float[k];
        int size = 0;
        for (int slot = 0; slot < scores.length; slot++) {
            float s = scores[slot];
            if (s == Float.NEGATIVE_INFINITY || (skipZero && s == 0f) || Float.isNaN(s)) {
                continue;
            }
            if (size == k && s <= bestScore[k - 1]) {
                continue;
            }
            if (excluded.test(targets[slot])) {
                continue;
            }
            int i = size < k ? size++ : k - 1;
            while (i > 0 && bestScore[i - 1] < s) {
                best[i] = best[i - 1];
                bestScore[i] = bestScore[i - 1];
                i--;
            }
            best[i] = slot;
            bestScore[i] = s;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = targets[best[i]];
        }
        return new Recommender.Ranked(out, Arrays.copyOf(bestScore, size));
    }

    /** The same over a fixed order of slots (best first), e.g. a popularity ranking: the first k not excluded. */
    static Recommender.Ranked firstK(int[] orderedSlots, float[] scores, int[] targets, int k, IntPredicate excluded) {
        int[] out = new int[k];
        float[] outScores = new float[k];
        int size = 0;
        for (int i = 0; i < orderedSlots.length && size < k; i++) {
            int t = targets[orderedSlots[i]];
            if (!excluded.test(t)) {
                out[size] = t;
                outScores[size++] = scores[orderedSlots[i]];
            }
        }
        return new Recommender.Ranked(Arrays.copyOf(out, size), Arrays.copyOf(outScores, size));
    }
}
