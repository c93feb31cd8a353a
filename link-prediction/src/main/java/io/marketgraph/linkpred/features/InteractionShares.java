package io.marketgraph.linkpred.features;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.NodeTable;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a node's interaction weight went: the share per category and per region of its neighbours,
 * from the weighted training graph. "u spends 40% of its engagement on bikes, 70% in region 12."
 */
public final class InteractionShares {

    private final Map<Integer, Double> byCategory;
    private final Map<Integer, Double> byRegion;

    private InteractionShares(Map<Integer, Double> byCategory, Map<Integer, Double> byRegion) {
        this.byCategory = byCategory;
        this.byRegion = byRegion;
    }

    /** One pass over {@code node}'s adjacency. */
    public static InteractionShares of(CsrGraph graph, NodeTable nodes, int node) {
        Map<Integer, Double> byCategory = new HashMap<>();
        Map<Integer, Double> byRegion = new HashMap<>();
        int[] adj = graph.neighbours();
        float[] w = graph.weights();
        double total = 0;
        for (int i = graph.offsets()[node]; i < graph.offsets()[node + 1]; i++) {
            double weight = w == null ? 1 : w[i];
            total += weight;
            byCategory.merge(nodes.category(adj[i]), weight, Double::sum);
            byRegion.merge(nodes.region(adj[i]), weight, Double::sum);
        }
        if (total > 0) {
            double t = total;
            byCategory.replaceAll((k, v) -> v / t);
            byRegion.replaceAll((k, v) -> v / t);
        }
        return new InteractionShares(byCategory, byRegion);
    }

    /**
     * {@code node}'s share of weight on one category, without building the maps: the per-pair
     * path of {@link PairFeaturizer}, where each pair asks for one category.
     */
    public static double categoryShare(CsrGraph graph, NodeTable nodes, int node, int category) {
        if (category < 0) {
            return 0;
        }
        int[] adj = graph.neighbours();
        float[] w = graph.weights();
        double total = 0;
        double match = 0;
        for (int i = graph.offsets()[node]; i < graph.offsets()[node + 1]; i++) {
            double weight = w == null ? 1 : w[i];
            total += weight;
            if (nodes.category(adj[i]) == category) {
                match += weight;
            }
        }
        return total == 0 ? 0 : match / total;
    }

    /** The share of weight on {@code category} (0 for unknown categories, -1). */
    public double category(int category) {
        return category < 0 ? 0 : byCategory.getOrDefault(category, 0.0);
    }

    public double region(int region) {
        return region < 0 ? 0 : byRegion.getOrDefault(region, 0.0);
    }
}
