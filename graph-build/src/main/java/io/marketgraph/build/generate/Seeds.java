package io.marketgraph.build.generate;

import java.util.SplittableRandom;

/**
 * One random stream per unit of work (a user, a post, a business), derived from the run's seed by
 * a SplitMix64 finalizer. Output then never depends on thread count or generation order.
 */
final class Seeds {

    static final long USER = 1;
    static final long POST = 2;
    static final long BUSINESS = 3;
    static final long EVENTS = 4;
    static final long SEARCH = 5;

    private Seeds() {}

    static SplittableRandom random(long seed, long stream, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(h ^ (h >>> 31));
    }

    /** Index of {@code u} in a cumulative weight table (binary search). */
    static int sample(double[] cumulative, double u) {
        double x = u * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** An exponential draw with the given mean. */
    static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }
}
