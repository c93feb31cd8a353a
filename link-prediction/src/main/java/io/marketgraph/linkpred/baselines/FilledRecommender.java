package io.marketgraph.linkpred.baselines;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A personalised recommender whose short lists are filled from a fallback: a user with little or no
 * history (ItemKNN, ALS and EASE know nothing of a user who joined after the split) gets the
 * fallback's best targets after the primary's own, as any production feed would. Fill scores are
 * the fallback's, shifted below the primary's lowest so the list stays ordered.
 */
public final class FilledRecommender implements Recommender {

    private final Recommender primary;
    private final Recommender fallback;

    public FilledRecommender(Recommender primary, Recommender fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        Ranked own = primary.recommend(user, k, excluded);
        if (own.size() >= k) {
            return own;
        }
        Set<Integer> taken = new HashSet<>();
        Arrays.stream(own.targets()).forEach(taken::add);
        Ranked fill = fallback.recommend(user, k, t -> excluded.test(t) || taken.contains(t));
        int n = Math.min(k, own.size() + fill.size());
        int[] targets = Arrays.copyOf(own.targets(), n);
        float[] scores = Arrays.copyOf(own.scores(), n);
        float floor = own.size() == 0 ? 0f : own.scores()[own.size() - 1];
        float top = fill.size() == 0 ? 0f : fill.scores()[0];
        for (int i = own.size(); i < n; i++) {
            targets[i] = fill.targets()[i - own.size()];
            scores[i] = floor - 1f - (top - fill.scores()[i - own.size()]);
        }
        return new Ranked(targets, scores);
    }
}
