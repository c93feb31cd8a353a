package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void auc_is_the_share_of_correctly_ordered_pairs_with_ties_as_half() {
        assertEquals(0.75, RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}));
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5}, new boolean[] {true, false}));
        assertEquals(1.0, RocAuc.of(new double[] {3, 1, 2}, new boolean[] {true, false, false}));
    }

    @Test
    void f1_scores_are_exact() {
        long[] tp = {2, 0};
        long[] fp = {1, 1};
        long[] fn = {0, 2};
        assertEquals(0.4, NodeClassificationEvaluation.macroF1(tp, fp, fn), 1e-12); // (0.8 + 0) / 2
        assertEquals(4.0 / 8, NodeClassificationEvaluation.microF1(tp, fp, fn), 1e-12);
    }

    @Test
    void logistic_regression_separates_a_shifted_class() {
        double[][] x = {{0, 1}, {1, 0}, {0, 0}, {3.5, 2.5}, {2.5, 3.5}, {3.5, 3.5}};
        boolean[] y = {false, false, false, true, true, true};
        LogisticRegression m = LogisticRegression.fit(x, y, 1.0, 25);
        for (int i = 0; i < 3; i++) {
            assertEquals(true, m.score(x[i]) < 0, "row " + i);
            assertEquals(true, m.score(x[i + 3]) > 0, "row " + (i + 3));
        }
        // point-symmetric data about (1.75, 1.75) with labels swapped: the boundary passes through the mean (1.75, 1.75)
        assertEquals(0.0, m.score(new double[] {1.75, 1.75}), 1e-9);
    }
}
