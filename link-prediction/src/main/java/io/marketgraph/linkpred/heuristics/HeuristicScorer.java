package io.marketgraph.linkpred.heuristics;

import io.marketgraph.embeddings.graph.CsrGraph;
import java.util.EnumMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.LinkPredictionAlgorithm;
import org.jgrapht.alg.linkprediction.AdamicAdarIndexLinkPrediction;
import org.jgrapht.alg.linkprediction.CommonNeighborsLinkPrediction;
import org.jgrapht.alg.linkprediction.JaccardCoefficientLinkPrediction;
import org.jgrapht.alg.linkprediction.LinkPredictionIndexNotWellDefinedException;
import org.jgrapht.alg.linkprediction.PreferentialAttachmentLinkPrediction;
import org.jgrapht.alg.linkprediction.ResourceAllocationIndexLinkPrediction;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The classic link-prediction heuristics, computed by JGraphT on a residual graph. A pair where an
 * index is not defined (Jaccard or Adamic-Adar with no neighbours) scores 0; such pairs are counted.
 */
public final class HeuristicScorer {

    private final Map<Heuristic, LinkPredictionAlgorithm<Integer, DefaultEdge>> algorithms = new EnumMap<>(Heuristic.class);
    private long undefined;

    public HeuristicScorer(CsrGraph residual) {
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < residual.nodeCount(); v++) {
            g.addVertex(v);
        }
        for (int u = 0; u < residual.nodeCount(); u++) {
            for (int i = residual.offsets()[u]; i < residual.offsets()[u + 1]; i++) {
                int v = residual.neighbours()[i];
                if (u < v) {
                    g.addEdge(u, v);
                }
            }
        }
        algorithms.put(Heuristic.COMMON_NEIGHBORS, new CommonNeighborsLinkPrediction<>(g));
        algorithms.put(Heuristic.JACCARD, new JaccardCoefficientLinkPrediction<>(g));
        algorithms.put(Heuristic.ADAMIC_ADAR, new AdamicAdarIndexLinkPrediction<>(g));
        algorithms.put(Heuristic.RESOURCE_ALLOCATION, new ResourceAllocationIndexLinkPrediction<>(g));
        algorithms.put(Heuristic.PREFERENTIAL_ATTACHMENT, new PreferentialAttachmentLinkPrediction<>(g));
    }

    /** Scores of the pairs {@code [u0, v0, u1, v1, ...]}. */
    public double[] score(Heuristic heuristic, int[] pairs) {
        LinkPredictionAlgorithm<Integer, DefaultEdge> algorithm = algorithms.get(heuristic);
        double[] out = new double[pairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = algorithm.predict(pairs[2 * i], pairs[2 * i + 1]);
            } catch (LinkPredictionIndexNotWellDefinedException e) {
                out[i] = 0;
                undefined++;
            }
        }
        return out;
    }

    /** Pairs so far where an index was not defined (scored 0). */
    public long undefinedPairs() {
        return undefined;
    }
}
