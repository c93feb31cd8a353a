package io.marketgraph.linkpred.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketgraph.linkpred.metrics.BinaryMetrics.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333...
    private static final float[] SCORES = {0.1f, 0.4f, 0.35f, 0.8f};
    private static final boolean[] LABELS = {false, false, true, true};

    @Test
    void roc_auc_matches_scikit_learn_example() {
        assertEquals(0.75, BinaryMetrics.rocAuc(SCORES, LABELS), 1e-12);
    }

    @Test
    void average_precision_matches_scikit_learn_example() {
        assertEquals(0.8333333333333333, BinaryMetrics.averagePrecision(SCORES, LABELS), 1e-12);
    }

    @Test
    void a_perfect_ranking_scores_one() {
        assertEquals(1.0, BinaryMetrics.rocAuc(new double[] {3, 1, 2}, new boolean[] {true, false, false}), 1e-12);
    }

    @Test
    void ties_count_one_half() {
        assertEquals(0.5, BinaryMetrics.rocAuc(new float[] {0.3f, 0.3f}, new boolean[] {true, false}), 1e-12);
    }

    @Test
    void roc_curve_runs_from_origin_to_one_one() {
        List<Point> roc = BinaryMetrics.rocCurve(SCORES, LABELS);
        assertEquals(List.of(new Point(0, 0), new Point(0, 0.5), new Point(0.5, 0.5), new Point(0.5, 1),
                new Point(1, 1)), roc);
    }

    @Test
    void single_class_samples_are_rejected_with_counts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.rocAuc(new float[] {1, 2}, new boolean[] {true, true}));
        assertEquals("ROC-AUC needs both classes, got 2 positives and 0 negatives", e.getMessage());
    }
}
