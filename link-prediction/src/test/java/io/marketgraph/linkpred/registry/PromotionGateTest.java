package io.marketgraph.linkpred.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.linkpred.registry.PromotionGate.Verdict;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private static final Set<String> GATED = Set.of("user_post.roc_auc", "user_post.recall_at_20");
    private static final Map<String, Double> CURRENT = Map.of("user_post.roc_auc", 0.90, "user_post.recall_at_20", 0.40);

    @Test
    void a_drop_under_one_point_promotes_silently() {
        var d = PromotionGate.DEFAULT.decide(CURRENT, Map.of("user_post.roc_auc", 0.8905, "user_post.recall_at_20", 0.41), GATED);
        assertEquals(Verdict.PROMOTE, d.verdict());
        assertTrue(d.messages().isEmpty());
    }

    @Test
    void a_drop_of_exactly_one_point_warns_and_still_promotes() {
        var d = PromotionGate.DEFAULT.decide(CURRENT, Map.of("user_post.roc_auc", 0.89, "user_post.recall_at_20", 0.40), GATED);
        assertEquals(Verdict.WARN, d.verdict());
        assertTrue(d.promotes());
        assertEquals(java.util.List.of("user_post.roc_auc dropped 1.00 pp (0.9000 -> 0.8900): warning at >= 1 pp"), d.messages());
    }

    @Test
    void a_drop_of_three_points_in_any_gated_metric_refuses() {
        var d = PromotionGate.DEFAULT.decide(CURRENT, Map.of("user_post.roc_auc", 0.95, "user_post.recall_at_20", 0.37), GATED);
        assertEquals(Verdict.REFUSE, d.verdict());
        assertEquals("user_post.recall_at_20", d.changes().get(0).metric()); // changes come in name order
        assertEquals(-3.0, d.changes().get(0).deltaPoints(), 1e-9);
    }

    @Test
    void a_missing_gated_metric_refuses_and_no_current_model_promotes() {
        assertEquals(Verdict.REFUSE, PromotionGate.DEFAULT.decide(CURRENT, Map.of("user_post.roc_auc", 0.95), GATED).verdict());
        assertEquals(Verdict.PROMOTE, PromotionGate.DEFAULT.decide(null, Map.of(), GATED).verdict());
    }

    @Test
    void a_candidate_three_points_below_the_best_baseline_is_refused_even_with_nothing_serving() {
        var losing = java.util.List.of(new PromotionGate.BaselineComparison("user_post", "recall_at_20", 0.10, "popularity", 0.13));
        var close = java.util.List.of(new PromotionGate.BaselineComparison("user_post", "recall_at_20", 0.1001, "popularity", 0.13));
        var d = PromotionGate.DEFAULT.decide(null, Map.of(), GATED).and(PromotionGate.versusBaselines(losing, 0.03));
        assertEquals(Verdict.REFUSE, d.verdict());
        assertEquals("user_post.recall_at_20 is 3.00 pp below the best baseline popularity (0.1000 < 0.1300): refused at >= 3 pp",
                d.messages().get(1));
        assertEquals(Verdict.PROMOTE, PromotionGate.versusBaselines(close, 0.03).verdict(), "2.99 pp below: not refused");
        assertEquals(Verdict.PROMOTE, PromotionGate.versusBaselines(losing, 0).verdict(), "gap 0: the check is off");
    }
}
