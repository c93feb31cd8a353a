package io.marketgraph.linkpred.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void matches_hand_computed_values() {
        RankingMetrics m = new RankingMetrics(2);
        m.add(List.of("a", "b", "c"), Set.of("b", "c")); // hit at rank 2 (in top 2) and rank 3 (not)
        m.add(List.of("x", "y", "z"), Set.of("q"));      // relevant item never ranked
        m.add(List.of("p"), Set.of());                    // no relevant items: not counted

        assertEquals(2, m.queries());
        assertEquals(0.5, m.hitsAtK(), 1e-12);
        assertEquals((1.0 / 2) / 2, m.mrr(), 1e-12);
        assertEquals((1.0 / 2) / 2, m.recallAtK(), 1e-12);
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2));
        double dcg = 1 / (Math.log(3) / Math.log(2));
        assertEquals((dcg / idcg) / 2, m.ndcgAtK(), 1e-12);
    }
}
