package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeList;
import io.marketgraph.progress.ProgressTracker;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The protocol's answers where they can be worked out by hand. On a union of disjoint cliques every
 * edge joins two members of one clique and every non-edge joins two cliques, so: a vector that is
 * the one-hot clique of its node makes Hadamard (e_c for an edge, 0 for a non-edge) and the weighted
 * L1 / L2 distances (0 against e_c + e_d) separate the test pairs perfectly, AUC 1. A non-edge has
 * no common neighbour, a removed edge has one unless the split took all its paths of length two, so
 * the neighbourhood heuristics' AUC is (1 + s) / 2 for s the share of test edges that kept one.
 * Vectors that know nothing of the graph sit at chance.
 */
class LinkPredictionEvaluationTest {

    private static final int CLIQUES = 8;
    private static final int SIZE = 7;

    private static CsrGraph cliques() {
        int edges = CLIQUES * SIZE * (SIZE - 1) / 2;
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int e = 0;
        for (int c = 0; c < CLIQUES; c++) {
            for (int i = 0; i < SIZE; i++) {
                for (int j = i + 1; j < SIZE; j++) {
                    src[e] = c * SIZE + i;
                    dst[e++] = c * SIZE + j;
                }
            }
        }
        String[] ids = new String[CLIQUES * SIZE];
        Arrays.fill(ids, "");
        return CsrBuilder.build(new EdgeList(ids.length, src, dst, null, ids), false).graph();
    }

    /** Each node's vector is the one-hot vector of its clique. */
    private static Embedder oneHotCliques() {
        return (graph, progress) -> {
            float[] v = new float[graph.nodeCount() * CLIQUES];
            for (int n = 0; n < graph.nodeCount(); n++) {
                v[n * CLIQUES + n / SIZE] = 1f;
            }
            return new Node2Vec.Result(v, CLIQUES, 0, 0, 0, 0, "one-hot cliques");
        };
    }

    private static Embedder gaussian(long seed) {
        return (graph, progress) -> {
            Random rnd = new Random(seed);
            float[] v = new float[graph.nodeCount() * 16];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            return new Node2Vec.Result(v, 16, 0, 0, 0, 0, "noise");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> section(Map<String, Object> report, String key) {
        return (Map<String, Double>) report.get(key);
    }

    @Test
    void clique_vectors_separate_every_test_pair_with_the_distance_and_product_operators() {
        CsrGraph graph = cliques();
        Map<String, Object> report = LinkPredictionEvaluation.run(graph, oneHotCliques(), 5L, ProgressTracker.NOOP);
        Map<String, Double> auc = section(report, "auc");
        assertEquals(1.0, auc.get("hadamard"), 1e-12, auc.toString());
        assertEquals(1.0, auc.get("weighted_l1"), 1e-12, auc.toString());
        assertEquals(1.0, auc.get("weighted_l2"), 1e-12, auc.toString());
        Map<String, Double> heuristics = section(report, "heuristics");
        double expected = (1 + shareOfTestEdgesWithACommonNeighbour(graph, 5L)) / 2;
        assertTrue(expected > 0.75 && expected < 1.0, "the split leaves some removed edges without a triangle: " + expected);
        assertEquals(expected, heuristics.get("common_neighbors"), 1e-12, heuristics.toString());
        assertEquals(expected, heuristics.get("jaccard"), 1e-12, heuristics.toString());
        assertEquals(expected, heuristics.get("adamic_adar"), 1e-12, heuristics.toString());
        // every clique keeps a spanning tree (6 of its 21 edges); half of the other 15 are removed
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) report.get("counts");
        assertEquals(CLIQUES * SIZE * (SIZE - 1) / 4, ((Number) counts.get("removal_requested")).longValue());
        assertEquals(counts.get("removed_edges"), counts.get("negative_pairs"));
    }

    /** The same split and test half as the evaluation (both deterministic by seed), counted directly. */
    private static double shareOfTestEdgesWithACommonNeighbour(CsrGraph graph, long seed) {
        EdgeSplit split = EdgeSplit.split(graph, 0.5, seed);
        LabelledPairs pairs = LabelledPairs.shuffled(split, seed);
        CsrGraph residual = split.residual();
        int positives = 0;
        int withTriangle = 0;
        for (int i = 0; i < pairs.test(); i++) {
            if (!pairs.testLabels()[i]) {
                continue;
            }
            int u = pairs.testPairs()[2 * i];
            int v = pairs.testPairs()[2 * i + 1];
            positives++;
            for (int w = 0; w < residual.nodeCount(); w++) {
                if (residual.hasEdge(u, w) && residual.hasEdge(w, v)) {
                    withTriangle++;
                    break;
                }
            }
        }
        return (double) withTriangle / positives;
    }

    @Test
    void vectors_that_ignore_the_graph_score_near_chance() {
        Map<String, Double> auc = section(
                LinkPredictionEvaluation.run(cliques(), gaussian(11L), 5L, ProgressTracker.NOOP), "auc");
        for (Map.Entry<String, Double> e : auc.entrySet()) {
            assertTrue(e.getValue() > 0.25 && e.getValue() < 0.75, e.getKey() + " = " + e.getValue());
        }
    }
}
