package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodeClassificationEvaluationTest {

    /** Per label F1 = 2tp / (2tp + fp + fn): label 0: 4/5 = 0.8, label 1: 0; micro pools the counts: 4/8. */
    @Test
    void macro_and_micro_f1_by_hand() {
        long[] tp = {2, 0};
        long[] fp = {1, 1};
        long[] fn = {0, 2};
        assertEquals(0.4, NodeClassificationEvaluation.macroF1(tp, fp, fn), 1e-12);
        assertEquals(0.5, NodeClassificationEvaluation.microF1(tp, fp, fn), 1e-12);
        assertEquals(0.0, NodeClassificationEvaluation.f1(0, 3, 3), 0.0);
        assertEquals(1.0, NodeClassificationEvaluation.f1(7, 0, 0), 0.0);
    }

    /** Vectors that carry the label (+-1 in the label's coordinate): every split classifies every test node right. */
    @Test
    void vectors_that_encode_the_label_score_f1_one() {
        int n = 40;
        int dim = 3;
        float[] vectors = new float[n * dim];
        int[][] labels = new int[n][];
        for (int v = 0; v < n; v++) {
            int label = v % 3;
            labels[v] = new int[] {label};
            for (int k = 0; k < dim; k++) {
                vectors[v * dim + k] = (k == label ? 1f : -1f) + 0.01f * (v % 7);
            }
        }
        NodeClassificationEvaluation.F1Scores s = NodeClassificationEvaluation.evaluate(vectors, dim, labels, 3, 42);
        assertEquals(1.0, s.macro(), 1e-12);
        assertEquals(1.0, s.micro(), 1e-12);
        assertEquals(n, s.labelled());
    }

    /**
     * Identical vectors carry nothing: every test node gets the same top label, the majority label of
     * its training half. With label 0 on 3 of 4 nodes everywhere (the split cannot change the shares
     * much), micro-F1 is the share of label 0 among test nodes and label 1's F1 is 0.
     */
    @Test
    void identical_vectors_fall_back_to_one_label_for_everyone() {
        int n = 40;
        float[] vectors = new float[n * 2];
        java.util.Arrays.fill(vectors, 0.5f);
        int[][] labels = new int[n][];
        for (int v = 0; v < n; v++) {
            labels[v] = new int[] {v % 4 == 0 ? 1 : 0};
        }
        NodeClassificationEvaluation.F1Scores s = NodeClassificationEvaluation.evaluate(vectors, 2, labels, 2, 7);
        // micro-F1 = accuracy for one label per node; predicting 0 for all: accuracy ~ 0.75 (test halves vary)
        assertEquals(0.75, s.micro(), 0.1);
        // macro = (F1 of label 0 = 2*0.75/(2*0.75+0.25) ~ 0.857, F1 of label 1 = 0) / 2
        assertEquals(0.857 / 2, s.macro(), 0.06);
    }
}
