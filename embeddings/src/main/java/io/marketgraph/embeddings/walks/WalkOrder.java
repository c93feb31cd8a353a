package io.marketgraph.embeddings.walks;

/**
 * The corpus order: walk round {@code r} (0..walksPerNode-1) visits every node once, in a
 * permutation drawn from (seed, r), as the reference node2vec shuffles its start nodes per round.
 * Slot {@code s} of the corpus is round {@code s / n}, position {@code s % n}.
 */
public final class WalkOrder {

    private final int nodeCount;
    private final int walksPerNode;
    private final long seed;
    private int cachedRound = -1;
    private int[] cachedPermutation;

    public WalkOrder(int nodeCount, int walksPerNode, long seed) {
        this.nodeCount = nodeCount;
        this.walksPerNode = walksPerNode;
        this.seed = seed;
    }

    public long slots() {
        return (long) nodeCount * walksPerNode;
    }

    /** Round {@code round}'s start nodes in order (Fisher-Yates from (seed, round)). */
    public static int[] permutation(int nodeCount, long seed, int round) {
        int[] perm = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            perm[i] = i;
        }
        WalkRandom rnd = new WalkRandom().reseed(seed, -1L, round);
        for (int i = nodeCount - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    public int round(long slot) {
        return (int) (slot / nodeCount);
    }

    /** Start node of {@code slot}. Not thread-safe (caches the current round's permutation). */
    public int startNode(long slot) {
        int round = (int) (slot / nodeCount);
        if (round != cachedRound) {
            cachedPermutation = permutation(nodeCount, seed, round);
            cachedRound = round;
        }
        return cachedPermutation[(int) (slot % nodeCount)];
    }

    public int walksPerNode() {
        return walksPerNode;
    }
}
