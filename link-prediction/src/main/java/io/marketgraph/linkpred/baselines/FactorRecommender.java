package io.marketgraph.linkpred.baselines;

import java.util.function.IntPredicate;

/**
 * Scores by the dot product of a user's and a target's latent factors (matrix factorisation,
 * e.g. {@link SparkAls}): every target with factors is scored exactly, no ANN. Users or targets
 * without factors (no training interactions) get no recommendations / are never recommended.
 */
public final class FactorRecommender implements Recommender {

    private final String name;
    private final Engagements data;
    private final int rank;
    private final float[][] userFactors;   // by node id, null when none
    private final float[] itemFactors;     // row-major by slot
    private final boolean[] hasItem;

    public FactorRecommender(String name, Engagements data, int rank, float[][] userFactors, float[] itemFactors,
                             boolean[] hasItem) {
        this.name = name;
        this.data = data;
        this.rank = rank;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.hasItem = hasItem;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ranked recommend(int user, int k, IntPredicate excluded) {
        float[] u = user >= 0 && user < userFactors.length ? userFactors[user] : null;
        if (u == null) {
            return Ranked.EMPTY;
        }
        float[] scores = new float[hasItem.length];
        for (int s = 0; s < scores.length; s++) {
            scores[s] = hasItem[s] ? dot(u, s) : Float.NEGATIVE_INFINITY;
        }
        return TopScores.select(scores, data.targets(), k, excluded, false);
    }

    private float dot(float[] u, int slot) {
        float sum = 0;
        int base = slot * rank;
        for (int f = 0; f < rank; f++) {
            sum += u[f] * itemFactors[base + f];
        }
        return sum;
    }
}
