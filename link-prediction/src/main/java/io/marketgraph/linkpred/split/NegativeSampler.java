package io.marketgraph.linkpred.split;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws {@code ratio} non-links per positive pair: the same source, a target of the task's kind
 * that is not a known positive. Each positive's negatives depend only on (seed, its index), so the
 * sample is reproducible.
 */
public final class NegativeSampler {

    private static final int MAX_TRIES = 50;

    private final NegativeStrategy strategy;
    private final int ratio;
    private final long seed;
    private final int[] targets;
    private final long[] cumulativeDegree;
    private final Map<Integer, int[]> byRegion = new HashMap<>();
    private final Map<Integer, int[]> byCategory = new HashMap<>();
    private final NodeTable nodes;
    private long fallbacks;

    public NegativeSampler(NegativeStrategy strategy, int ratio, long seed, NodeKind targetKind, NodeTable nodes,
                           CsrGraph graph) {
        if (ratio < 1) {
            throw new IllegalArgumentException("negative ratio must be >= 1, got " + ratio);
        }
        this.strategy = strategy;
        this.ratio = ratio;
        this.seed = seed;
        this.nodes = nodes;
        this.targets = java.util.stream.IntStream.range(0, nodes.size())
                .filter(n -> nodes.kind(n) == targetKind).toArray();
        if (targets.length < 2) {
            throw new IllegalArgumentException("need at least 2 " + targetKind + " nodes to sample negatives, got "
                    + targets.length);
        }
        this.cumulativeDegree = new long[targets.length];
        long sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum += graph.degree(targets[i]) + 1; // +1: never-seen targets can still be drawn
            cumulativeDegree[i] = sum;
        }
        Map<Integer, List<Integer>> regions = new HashMap<>();
        Map<Integer, List<Integer>> categories = new HashMap<>();
        for (int t : targets) {
            regions.computeIfAbsent(nodes.region(t), k -> new ArrayList<>()).add(t);
            categories.computeIfAbsent(nodes.category(t), k -> new ArrayList<>()).add(t);
        }
        regions.forEach((k, v) -> byRegion.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        categories.forEach((k, v) -> byCategory.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Negatives for {@code positives}, excluding every pair in {@code known}; packed pairs. */
    public long[] sample(long[] positives, Set<Long> known) {
        long[] out = new long[positives.length * ratio];
        int n = 0;
        for (int i = 0; i < positives.length; i++) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            int source = TaskPairs.source(positives[i]);
            int positiveTarget = TaskPairs.target(positives[i]);
            for (int r = 0; r < ratio; r++) {
                out[n++] = TaskPairs.pack(source, draw(random, source, positiveTarget, known));
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Draws that had to fall back to a uniform target (hard pool exhausted or all tries known). */
    public long fallbacks() {
        return fallbacks;
    }

    public NegativeStrategy strategy() {
        return strategy;
    }

    public int ratio() {
        return ratio;
    }

    private int draw(SplittableRandom random, int source, int positiveTarget, Set<Long> known) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int t = switch (strategy) {
                case UNIFORM -> targets[random.nextInt(targets.length)];
                case DEGREE -> targets[byDegree(random)];
                case HARD -> hard(random, positiveTarget);
            };
            if (!known.contains(TaskPairs.pack(source, t))) {
                return t;
            }
        }
        fallbacks++;
        int t;
        do {
            t = targets[random.nextInt(targets.length)];
        } while (known.contains(TaskPairs.pack(source, t)));
        return t;
    }

    private int byDegree(SplittableRandom random) {
        long x = random.nextLong(cumulativeDegree[cumulativeDegree.length - 1]);
        int i = Arrays.binarySearch(cumulativeDegree, x + 1);
        return i >= 0 ? i : -i - 1;
    }

    private int hard(SplittableRandom random, int positiveTarget) {
        int[] pool = random.nextBoolean()
                ? byRegion.get(nodes.region(positiveTarget))
                : byCategory.get(nodes.category(positiveTarget));
        return pool == null || pool.length < 2 ? targets[random.nextInt(targets.length)] : pool[random.nextInt(pool.length)];
    }
}
