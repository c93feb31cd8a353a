package io.marketgraph.linkpred.features;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.heuristics.NeighbourhoodHeuristics;
import io.marketgraph.linkpred.heuristics.Heuristic;
import io.marketgraph.linkpred.model.FeatureMatrix;
import io.marketgraph.linkpred.task.TaskPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns (source, target) pairs into the link model's features, the same way in training and in
 * serving:
 * <ul>
 *   <li>embedding operators: the Hadamard product (one column per dimension), cosine similarity,
 *       L1 and L2 distance;</li>
 *   <li>neighbourhood heuristics on the training graph ({@link NeighbourhoodHeuristics}), with
 *       log1p on the unbounded ones;</li>
 *   <li>side features: same region, the source's affinity to the target's category (its share of
 *       interaction weight on that category in the training graph), and the target's popularity
 *       (log1p degree).</li>
 * </ul>
 * Thread-safe: pairs are featurized in parallel.
 */
public final class PairFeaturizer {

    private final CsrGraph graph;
    private final EmbeddingStore embeddings;
    private final NodeTable nodes;
    private final NeighbourhoodHeuristics heuristics;
    private final List<String> names;
    private final int dim;

    public PairFeaturizer(CsrGraph graph, EmbeddingStore embeddings, NodeTable nodes) {
        if (embeddings.count() != nodes.size() || graph.nodeCount() != nodes.size()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "graph (%d nodes), embeddings (%d rows) and node table (%d) must describe the same nodes",
                    graph.nodeCount(), embeddings.count(), nodes.size()));
        }
        this.graph = graph;
        this.embeddings = embeddings;
        this.nodes = nodes;
        this.heuristics = new NeighbourhoodHeuristics(graph);
        this.dim = embeddings.dim();
        List<String> n = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            n.add("hadamard_" + d);
        }
        n.addAll(List.of("cosine", "l1", "l2"));
        for (Heuristic h : Heuristic.values()) {
            n.add(h.key());
        }
        n.addAll(List.of("same_region", "category_affinity", "target_popularity"));
        this.names = List.copyOf(n);
    }

    public List<String> names() {
        return names;
    }

    public FeatureMatrix features(long[] pairs) {
        int cols = names.size();
        float[] values = new float[pairs.length * cols];
        IntStream.range(0, pairs.length).parallel().forEach(row -> {
            double[] h = new double[Heuristic.values().length];
            write(TaskPairs.source(pairs[row]), TaskPairs.target(pairs[row]), values, row * cols, h);
        });
        return new FeatureMatrix(values, pairs.length, names);
    }

    private void write(int u, int v, float[] out, int at, double[] h) {
        float[] vec = embeddings.vectors();
        int ou = u * dim;
        int ov = v * dim;
        double dot = 0;
        double nu = 0;
        double nv = 0;
        double l1 = 0;
        double l2 = 0;
        for (int d = 0; d < dim; d++) {
            float a = vec[ou + d];
            float b = vec[ov + d];
            out[at + d] = a * b;
            dot += a * b;
            nu += a * a;
            nv += b * b;
            l1 += Math.abs(a - b);
            l2 += (a - b) * (a - b);
        }
        int c = at + dim;
        out[c++] = (float) (nu == 0 || nv == 0 ? 0 : dot / Math.sqrt(nu * nv));
        out[c++] = (float) l1;
        out[c++] = (float) Math.sqrt(l2);
        heuristics.pair(u, v, h);
        for (Heuristic x : Heuristic.values()) {
            double value = h[x.ordinal()];
            out[c++] = (float) (x == Heuristic.JACCARD ? value : Math.log1p(value));
        }
        out[c++] = nodes.region(u) >= 0 && nodes.region(u) == nodes.region(v) ? 1f : 0f;
        out[c++] = (float) InteractionShares.categoryShare(graph, nodes, u, nodes.category(v));
        out[c] = (float) Math.log1p(graph.degree(v));
    }
}
