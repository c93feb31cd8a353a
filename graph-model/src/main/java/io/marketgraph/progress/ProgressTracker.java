package io.marketgraph.progress;

import java.util.Map;

/**
 * Reports how far a long job is. A job opens one {@link Stage} per phase with its volume (walks,
 * tokens, records) and advances it from any thread; the tracker prints percent, rate and ETA, and
 * keeps each stage's wall time for the job's summary.
 */
public interface ProgressTracker {

    ProgressTracker NOOP = new ProgressTracker() {
        @Override
        public Stage stage(String name, long volume) {
            return new Stage() {
                @Override
                public void advance(long units) {}

                @Override
                public void close() {}
            };
        }

        @Override
        public Map<String, Double> stageSeconds() {
            return Map.of();
        }
    };

    /** Begins a stage of {@code volume} units (0 or less when unknown: then no percent or ETA). */
    Stage stage(String name, long volume);

    /** Wall seconds of each closed stage, in the order they ran. */
    Map<String, Double> stageSeconds();

    /** One phase of a job. Thread-safe; closing it records its time. */
    interface Stage extends AutoCloseable {
        void advance(long units);

        @Override
        void close();
    }
}
