package io.marketgraph.api.model;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start fallback: the most engaged targets of each kind, overall and per region, ranked
 * by their total interaction weight in the training graph (ties by node id).
 */
public final class PopularItems {

    private static final int PER_REGION = 500;

    private final Map<NodeKind, int[]> overall;
    private final Map<NodeKind, Map<Integer, int[]>> byRegion;
    private final double[] strength;

    private PopularItems(Map<NodeKind, int[]> overall, Map<NodeKind, Map<Integer, int[]>> byRegion, double[] strength) {
        this.overall = overall;
        this.byRegion = byRegion;
        this.strength = strength;
    }

    static PopularItems fromGraph(NodeTable nodes, CsrGraph graph) {
        double[] strength = new double[nodes.size()];
        float[] w = graph.weights();
        for (int n = 0; n < nodes.size(); n++) {
            for (int i = graph.offsets()[n]; i < graph.offsets()[n + 1]; i++) {
                strength[n] += w == null ? 1 : w[i];
            }
        }
        Comparator<Integer> byStrength = (a, b) -> strength[a] != strength[b] ? Double.compare(strength[b], strength[a]) : Integer.compare(a, b);
        Map<NodeKind, int[]> overall = new EnumMap<>(NodeKind.class);
        Map<NodeKind, Map<Integer, int[]>> byRegion = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : List.of(NodeKind.POST, NodeKind.BUSINESS)) {
            List<Integer> all = new ArrayList<>();
            Map<Integer, List<Integer>> regions = new HashMap<>();
            for (int n = 0; n < nodes.size(); n++) {
                if (nodes.kind(n) == kind && strength[n] > 0) {
                    all.add(n);
                    regions.computeIfAbsent(nodes.region(n), r -> new ArrayList<>()).add(n);
                }
            }
            all.sort(byStrength);
            overall.put(kind, all.stream().limit(PER_REGION).mapToInt(Integer::intValue).toArray());
            Map<Integer, int[]> perRegion = new HashMap<>();
            regions.forEach((region, list) -> {
                list.sort(byStrength);
                perRegion.put(region, list.stream().limit(PER_REGION).mapToInt(Integer::intValue).toArray());
            });
            byRegion.put(kind, perRegion);
        }
        return new PopularItems(overall, byRegion, strength);
    }

    /** Most engaged targets of {@code kind} in {@code region} (or overall when region < 0), best first. */
    public int[] top(NodeKind kind, int region) {
        if (region < 0) {
            return overall.getOrDefault(kind, new int[0]);
        }
        return byRegion.getOrDefault(kind, Map.of()).getOrDefault(region, new int[0]);
    }

    /** A node's total interaction weight, the popularity score reported with cold-start items. */
    public double strength(int node) {
        return strength[node];
    }
}
