package io.marketgraph.linkpred.tune;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.linkpred.eval.EdgeOperator;
import io.marketgraph.linkpred.eval.EdgeSplit;
import io.marketgraph.linkpred.eval.LabelledPairs;
import io.marketgraph.linkpred.eval.NodeClassificationEvaluation;

/**
 * What a grid point is scored on: the graph node2vec trains on for validation, and the score of its
 * vectors (higher is better).
 */
public interface Validation {

    /** The graph the grid points are trained on (the residual graph for link prediction). */
    CsrGraph trainGraph();

    /** True when {@link #trainGraph()} is the whole graph, so a grid point's vectors can be the final ones. */
    boolean trainsOnWholeGraph();

    String metric();

    double score(float[] vectors, int dim);

    /**
     * Link prediction on held-back edges: {@code fraction} of the edges removed (the residual stays
     * connected), as many non-edges; Hadamard features, logistic regression on half of the pairs,
     * ROC-AUC on the other half.
     */
    static Validation linkPrediction(CsrGraph graph, double fraction, long seed) {
        EdgeSplit split = EdgeSplit.split(graph, fraction, seed);
        LabelledPairs pairs = LabelledPairs.shuffled(split, seed);
        return new Validation() {
            public CsrGraph trainGraph() {
                return split.residual();
            }

            public boolean trainsOnWholeGraph() {
                return false;
            }

            public String metric() {
                return "auc.hadamard (" + split.removed() + " held-back edges, " + pairs.test() + " test pairs)";
            }

            public double score(float[] vectors, int dim) {
                return pairs.auc(EdgeOperator.HADAMARD, vectors, dim, 1.0);
            }
        };
    }

    /** Node classification: Macro-F1 of one-vs-rest logistic regression, 5 random 50 % splits of the labelled nodes. */
    static Validation nodeClassification(CsrGraph graph, int[][] labels, int labelCount, long seed) {
        return new Validation() {
            public CsrGraph trainGraph() {
                return graph;
            }

            public boolean trainsOnWholeGraph() {
                return true;
            }

            public String metric() {
                return "macro_f1 (" + labelCount + " labels, 5 splits of 50 %)";
            }

            public double score(float[] vectors, int dim) {
                return NodeClassificationEvaluation.evaluate(vectors, dim, labels, labelCount, seed).macro();
            }
        };
    }
}
