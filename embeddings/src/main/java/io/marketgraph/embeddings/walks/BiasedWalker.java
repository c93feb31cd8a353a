package io.marketgraph.embeddings.walks;

import io.marketgraph.embeddings.graph.CsrGraph;
import java.io.Serializable;

/**
 * Exact node2vec walks by rejection sampling (as KnightKing): draw a candidate from the first-order
 * (weighted) distribution of the current node, accept it with probability bias / maxBias, where the
 * bias is 1/p for stepping back, 1 for a neighbour of the previous node (binary search in its sorted
 * adjacency) and 1/q otherwise. Memory is the CSR plus, for weighted graphs, alias tables: it does
 * not grow with the sum of squared degrees. With p = q = 1 the walk is plain first-order sampling.
 *
 * <p>A walk depends only on (seed, start node, walk index). One instance is shared by all threads;
 * each thread passes its own {@link WalkRandom}.
 */
public final class BiasedWalker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CsrGraph graph;
    private final AliasTables alias;
    private final WalkConfig config;
    private final int[] offsets;
    private final int[] neighbours;
    private final boolean firstOrder;
    private final float returnBias;
    private final float outBias;
    private final float maxBias;
    private final float acceptWithoutLookup;

    public BiasedWalker(CsrGraph graph, WalkConfig config) {
        this.graph = graph;
        this.config = config;
        this.alias = graph.weighted() ? AliasTables.build(graph) : null;
        this.offsets = graph.offsets();
        this.neighbours = graph.neighbours();
        this.firstOrder = config.firstOrder();
        this.returnBias = (float) (1.0 / config.p());
        this.outBias = (float) (1.0 / config.q());
        this.maxBias = Math.max(1f, Math.max(returnBias, outBias));
        this.acceptWithoutLookup = Math.min(1f, outBias);
    }

    public CsrGraph graph() {
        return graph;
    }

    public WalkConfig config() {
        return config;
    }

    /**
     * Writes walk {@code walkIndex} from {@code start} into {@code out} (length >= walkLength) and
     * returns its length: walkLength, or less where a directed walk reaches a node without out-edges.
     */
    public int walk(int start, int walkIndex, int[] out, WalkRandom rnd) {
        rnd.reseed(config.seed(), start, walkIndex);
        int length = config.walkLength();
        out[0] = start;
        if (offsets[start + 1] == offsets[start]) {
            return 1;
        }
        int prev = start;
        int cur = step(start, rnd);
        out[1] = cur;
        for (int i = 2; i < length; i++) {
            int deg = offsets[cur + 1] - offsets[cur];
            if (deg == 0) {
                return i;
            }
            int next = firstOrder ? step(cur, rnd) : biasedStep(prev, cur, rnd);
            out[i] = next;
            prev = cur;
            cur = next;
        }
        return length;
    }

    private int step(int node, WalkRandom rnd) {
        int off = offsets[node];
        int deg = offsets[node + 1] - off;
        long bits = rnd.nextLong();
        int slot = (int) (((bits >>> 32) * deg) >>> 32);
        if (alias == null) {
            return neighbours[off + slot];
        }
        float coin = (bits & 0xFFFFFF) * 0x1.0p-24f;
        return neighbours[off + alias.sample(off, slot, coin)];
    }

    private int biasedStep(int prev, int cur, WalkRandom rnd) {
        while (true) {
            int x = step(cur, rnd);
            float r = rnd.nextFloat() * maxBias;
            if (x == prev) {
                if (r < returnBias) {
                    return x;
                }
            } else if (r < acceptWithoutLookup) {
                return x;
            } else if (r < (graph.hasEdge(prev, x) ? 1f : outBias)) {
                return x;
            }
        }
    }
}
