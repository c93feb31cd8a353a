package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketgraph.model.Action;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeWeightingTest {

    private static final long DAY = 86_400_000L;

    @Test
    void an_event_at_the_reference_time_counts_its_full_action_weight() {
        EdgeWeighting w = EdgeWeighting.defaults();
        assertEquals(10.0, w.weight(Action.PURCHASE, 5_000, 5_000), 0);
        assertEquals(1.0, w.weight(Action.VIEW, 5_000, 5_000), 0);
    }

    @Test
    void each_half_life_halves_the_contribution() {
        EdgeWeighting w = new EdgeWeighting(Map.of(), 10);
        long tRef = 100 * DAY;
        assertEquals(2.5, w.weight(Action.CHAT, tRef - 10 * DAY, tRef), 1e-12);
        assertEquals(1.25, w.weight(Action.CHAT, tRef - 20 * DAY, tRef), 1e-12);
        assertEquals(5 * Math.pow(0.5, 0.35), w.weight(Action.CHAT, tRef - (long) (3.5 * DAY), tRef), 1e-12);
    }

    @Test
    void overrides_replace_defaults_and_bad_values_are_refused_with_the_flag_name() {
        Map.Entry<Action, Double> e = EdgeWeighting.parseOverride("view=0.25");
        assertEquals(Action.VIEW, e.getKey());
        EdgeWeighting w = new EdgeWeighting(Map.of(e.getKey(), e.getValue()), 30);
        assertEquals(0.25, w.actionWeight(Action.VIEW), 0);
        assertEquals(3.0, w.actionWeight(Action.LIKE), 0);
        assertEquals("--weight expects ACTION=W (e.g. VIEW=0.5), got 'VIEW'",
                assertThrows(IllegalArgumentException.class, () -> EdgeWeighting.parseOverride("VIEW")).getMessage());
        assertEquals("--weight LIKE must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new EdgeWeighting(Map.of(Action.LIKE, -1.0), 30)).getMessage());
        assertEquals("--half-life-days must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new EdgeWeighting(Map.of(), 0)).getMessage());
    }
}
