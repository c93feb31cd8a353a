package io.marketgraph.embeddings.walks;

/**
 * A small, allocation-free SplitMix64 generator that is re-seeded per walk: a walk's random stream
 * depends only on (seed, start node, walk index), so any thread, any thread count and the Spark job
 * produce the same walk. Not thread-safe; one per thread.
 */
public final class WalkRandom {

    private long state;

    /** Seeds from the mix of the three keys (each goes through the SplitMix64 finaliser). */
    public WalkRandom reseed(long seed, long a, long b) {
        state = mix(mix(mix(seed) ^ (a * 0x9E3779B97F4A7C15L)) ^ (b * 0xC2B2AE3D27D4EB4FL));
        return this;
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    /** Uniform in {@code [0, bound)} by Lemire's multiply-shift (bias below bound / 2^32). */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [0, 1)} with 24 bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in {@code [0, 1)} with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
