package io.marketgraph.build.generate;

import java.util.SplittableRandom;

/**
 * A user's latent profile, a pure function of (seed, user index): home region, join date, activity
 * level and sparse category tastes. Posts recompute their seller's profile from the same function,
 * so no table of users is ever held in memory.
 *
 * <p>Tastes: 1 to 4 distinct categories (drawn by category popularity), weights Exp(1) normalised
 * to sum 1 (a sparse Dirichlet(1) draw), sorted by weight descending. Activity: lognormal with
 * sigma 0.9, mean 1, so a few users produce many events and many produce few.
 */
record UserProfile(int index, int region, long joinedAt, double activity, int[] tasteCategories,
                   double[] tasteWeights) {

    private static final double ACTIVITY_SIGMA = 0.9;
    private static final double ACTIVITY_MEAN = Math.exp(ACTIVITY_SIGMA * ACTIVITY_SIGMA / 2);
    static final long DAY = 86_400_000L;

    static UserProfile of(long seed, int index, GenerateConfig config, RegionGrid grid, Categories categories) {
        SplittableRandom rng = Seeds.random(seed, Seeds.USER, index);
        int region = grid.samplePopular(rng.nextDouble());
        long joinedAt = config.nowMillis() - (long) (rng.nextDouble() * 3 * config.days() * DAY);
        double activity = Math.exp(ACTIVITY_SIGMA * rng.nextGaussian()) / ACTIVITY_MEAN;
        int k = 1;
        while (k < 4 && k < categories.size() && rng.nextDouble() < 0.55) {
            k++;
        }
        int[] cats = new int[k];
        double[] weights = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            int c;
            do {
                c = categories.samplePopular(rng.nextDouble());
            } while (contains(cats, i, c));
            cats[i] = c;
            weights[i] = Seeds.exponential(rng, 1.0);
            sum += weights[i];
        }
        for (int i = 0; i < k; i++) {
            weights[i] /= sum;
        }
        sortByWeight(cats, weights);
        return new UserProfile(index, region, joinedAt, activity, cats, weights);
    }

    /** The taste weight of category {@code c}, 0 if the user has no taste for it. */
    double taste(int c) {
        for (int i = 0; i < tasteCategories.length; i++) {
            if (tasteCategories[i] == c) {
                return tasteWeights[i];
            }
        }
        return 0;
    }

    /** A category drawn from the tastes. */
    int sampleTaste(double u) {
        double acc = 0;
        for (int i = 0; i < tasteCategories.length; i++) {
            acc += tasteWeights[i];
            if (u < acc) {
                return tasteCategories[i];
            }
        }
        return tasteCategories[tasteCategories.length - 1];
    }

    static String id(int index) {
        return "u" + index;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static void sortByWeight(int[] cats, double[] weights) {
        for (int i = 1; i < cats.length; i++) {
            for (int j = i; j > 0 && weights[j] > weights[j - 1]; j--) {
                double w = weights[j];
                weights[j] = weights[j - 1];
                weights[j - 1] = w;
                int c = cats[j];
                cats[j] = cats[j - 1];
                cats[j - 1] = c;
            }
        }
    }
}
