package io.marketgraph.linkpred.baselines;

import java.util.function.IntPredicate;

/**
 * A recommender fitted on the training interactions of one task ({@link Engagements}): the top K
 * targets for a user. Every classic baseline implements it, so a candidate generator or a ranker
 * can use any of them as a source (its scores and ranks are features).
 *
 * <p>Implementations are thread-safe for concurrent {@link #recommend} calls once built.
 */
public interface Recommender {

    /** The name in reports: {@code baselines.<name>}. */
    String name();

    /**
     * The best {@code k} targets for {@code user} (graph node ids), best first; ties by ascending node
     * id. Targets for which {@code excluded} is true (the user's training positives) never appear.
     * Fewer than {@code k} when the recommender knows fewer targets (e.g. ItemKNN for a user without history).
     */
    Ranked recommend(int user, int k, IntPredicate excluded);

    /** Targets with their scores (higher is better, on the recommender's own scale). */
    record Ranked(int[] targets, float[] scores) {
        public static final Ranked EMPTY = new Ranked(new int[0], new float[0]);

        public int size() {
            return targets.length;
        }
    }
}
