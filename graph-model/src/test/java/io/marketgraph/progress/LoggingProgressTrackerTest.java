package io.marketgraph.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoggingProgressTrackerTest {

    @Test
    void prints_percent_rate_and_eta_once_per_step_and_records_stage_time() {
        List<String> lines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        LoggingProgressTracker tracker = new LoggingProgressTracker("embed", lines::add, clock::get, 25.0, Long.MAX_VALUE);

        try (ProgressTracker.Stage walks = tracker.stage("walks", 1000)) {
            clock.set(1_000_000_000L);
            walks.advance(100);   // 10%: below the step, silent
            clock.set(2_000_000_000L);
            walks.advance(150);   // 25%
            clock.set(4_000_000_000L);
            walks.advance(250);   // 50%
        }

        assertEquals(List.of(
                "embed :: walks started (1,000 units)",
                "embed :: walks 25% (250/1,000) 125.0/s ETA 00:00:06",
                "embed :: walks 50% (500/1,000) 125.0/s ETA 00:00:04",
                "embed :: walks done in 00:00:04 (500 units, 125.0/s)"), lines);
        assertEquals(4.0, tracker.stageSeconds().get("walks"), 1e-9);
    }
}
