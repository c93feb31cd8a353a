package io.marketgraph.embeddings.walks;

import java.io.Serializable;
import java.util.Locale;

/**
 * Parameters of the second-order (node2vec) random walk.
 *
 * @param walksPerNode walks started from every node (node2vec's r)
 * @param walkLength   nodes per walk, the start included (node2vec's l)
 * @param p            return parameter: weight 1/p to step back to the previous node
 * @param q            in-out parameter: weight 1/q to step to a node not adjacent to the previous one
 * @param seed         the walks depend only on (seed, start node, walk index)
 */
public record WalkConfig(int walksPerNode, int walkLength, double p, double q, long seed) implements Serializable {

    public static final int DEFAULT_WALKS_PER_NODE = 10;
    public static final int DEFAULT_WALK_LENGTH = 80;
    public static final double DEFAULT_P = 1.0;
    public static final double DEFAULT_Q = 1.0;
    /** The seed of every stage that takes one (embed, evaluate-embeddings, train-links, train-rerank). */
    public static final long DEFAULT_SEED = 42L;
    public static final WalkConfig DEFAULTS = new WalkConfig(DEFAULT_WALKS_PER_NODE, DEFAULT_WALK_LENGTH, DEFAULT_P,
            DEFAULT_Q, DEFAULT_SEED);

    public WalkConfig {
        if (walksPerNode < 1) {
            throw new IllegalArgumentException("walksPerNode must be >= 1, got " + walksPerNode);
        }
        if (walkLength < 2) {
            throw new IllegalArgumentException("walkLength must be >= 2, got " + walkLength);
        }
        if (!(p > 0) || !(q > 0) || Double.isInfinite(p) || Double.isInfinite(q)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "p and q must be finite and > 0, got p=%s, q=%s", p, q));
        }
    }

    /** True when the walk is first order: p = q = 1. */
    public boolean firstOrder() {
        return p == 1.0 && q == 1.0;
    }
}
