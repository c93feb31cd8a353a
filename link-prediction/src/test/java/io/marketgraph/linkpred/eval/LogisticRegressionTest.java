package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fits whose optimum is known in closed form or by a one-line equation. */
class LogisticRegressionTest {

    /**
     * Two points, x = -1 (negative) and x = +1 (positive), lambda = 1: by symmetry the intercept is 0
     * and the weight w solves d/dw [2 log(1 + e^-w) + w^2/2] = 0, i.e. w (1 + e^w) = 2: w = 0.674832.
     * (x is already standardised: mean 0, population sd 1.)
     */
    @Test
    void two_symmetric_points_with_l2_give_the_root_of_w_times_1_plus_e_to_the_w_equals_2() {
        LogisticRegression m = LogisticRegression.fit(new double[][] {{-1}, {1}}, new boolean[] {false, true}, 1.0, 50);
        assertEquals(0.6748316143423992, m.score(new double[] {1}), 1e-9);
        assertEquals(-0.6748316143423992, m.score(new double[] {-1}), 1e-9);
        assertEquals(0.0, m.score(new double[] {0}), 1e-9);
    }

    /**
     * A binary feature with 1 of 4 positives at x = 0 and 3 of 4 at x = 1: intercept + slope is the
     * saturated model, so (almost) without regularisation the fitted probabilities are the group
     * frequencies 1/4 and 3/4, log-odds -ln 3 and +ln 3.
     */
    @Test
    void a_saturated_model_reproduces_the_group_frequencies() {
        double[][] x = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
        boolean[] y = {true, false, false, false, true, true, true, false};
        LogisticRegression m = LogisticRegression.fit(x, y, 1e-9, 50);
        assertEquals(-Math.log(3), m.score(new double[] {0}), 1e-6);
        assertEquals(Math.log(3), m.score(new double[] {1}), 1e-6);
    }

    /** Only a constant feature: it carries no information, the intercept is the base rate's log-odds, ln(1/3). */
    @Test
    void a_constant_feature_is_ignored_and_the_intercept_is_the_base_rate() {
        double[][] x = {{5}, {5}, {5}, {5}};
        boolean[] y = {true, false, false, false};
        LogisticRegression m = LogisticRegression.fit(x, y, 1e-9, 50);
        assertEquals(-Math.log(3), m.score(new double[] {5}), 1e-6);
        assertEquals(m.score(new double[] {5}), m.score(new double[] {-100}), 1e-12);
    }
}
