package io.marketgraph.api.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestLogTest {

    private static EventRecord event(String id) {
        return new EventRecord(id, "2026-12-07T09:00:00Z", "u1", "LIKE", "POST", "p1", null, null);
    }

    private static Path onlySegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void appends_json_lines_in_the_event_contract_and_replays_them_in_order() throws IOException {
        Path root = Files.createTempDirectory("ingest-log");
        try (IngestLog log = new IngestLog(root)) {
            log.appendEvents(List.of(event("e1"), event("e2")));
            log.appendEvents(List.of(event("e3")));
        }
        Path segment = onlySegment(root.resolve(IngestLog.EVENTS));
        org.junit.jupiter.api.Assertions.assertTrue(segment.getFileName().toString().endsWith(".jsonl"), segment.toString());
        assertEquals("{\"event_id\":\"e1\",\"ts\":\"2026-12-07T09:00:00Z\",\"user_id\":\"u1\",\"action\":\"LIKE\",\"target_kind\":\"POST\","
                + "\"target_id\":\"p1\"}", Files.readAllLines(segment).get(0));
        List<String> ids = new ArrayList<>();
        IngestLog.ReplayCounts counts = new IngestLog(root).replayEvents((e, written) -> ids.add(e.eventId()));
        assertEquals(List.of("e1", "e2", "e3"), ids);
        assertEquals(new IngestLog.ReplayCounts(3, 0, 0), counts);
    }

    @Test
    void a_torn_last_line_and_a_corrupt_line_are_counted_and_skipped_and_the_next_process_writes_a_new_segment(@TempDir Path root)
            throws IOException {
        try (IngestLog log = new IngestLog(root)) {
            log.appendEvents(List.of(event("e1")));
        }
        Path first = onlySegment(root.resolve(IngestLog.EVENTS));
        Files.writeString(first, "not json\n" + "{\"event_id\":\"e2\",\"ts\":\"2026-12-07T09:00:00Z\",\"user_id\":\"u1\",\"act",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (IngestLog log = new IngestLog(root)) {
            log.appendEvents(List.of(event("e3")));
        }
        List<String> ids = new ArrayList<>();
        IngestLog.ReplayCounts counts = new IngestLog(root).replayEvents((e, written) -> ids.add(e.eventId()));
        assertEquals(List.of("e1", "e3"), ids);
        assertEquals(new IngestLog.ReplayCounts(2, 1, 1), counts);
        try (Stream<Path> files = Files.list(root.resolve(IngestLog.EVENTS))) {
            assertEquals(2, files.count(), "e3 went to a segment of its own, not after the torn line");
        }
    }

    @Test
    void an_empty_or_missing_log_replays_nothing(@TempDir Path root) {
        assertEquals(new IngestLog.ReplayCounts(0, 0, 0), new IngestLog(root.resolve("none")).replayPosts((p, written) -> {
            throw new AssertionError("nothing to replay");
        }));
    }

    @Test
    void concurrent_writers_sync_after_their_appends_and_every_batch_is_in_the_log(@TempDir Path root) throws Exception {
        int threads = 8;
        int batches = 100;
        Object writerLock = new Object();   // the model manager's ingest lock: one appender at a time
        List<IngestLog.Mark> marks = java.util.Collections.synchronizedList(new ArrayList<>());
        try (IngestLog log = new IngestLog(root)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        IngestLog.Mark mark;
                        synchronized (writerLock) {
                            mark = log.appendEvents(List.of(event("t" + thread + "-" + b)));
                        }
                        log.sync(mark);   // outside the lock, as IngestService does
                        marks.add(mark);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            org.junit.jupiter.api.Assertions.assertTrue(log.forces() >= 1 && log.forces() <= threads * batches, "forces: " + log.forces());
        }
        assertEquals(threads * batches, new java.util.HashSet<>(marks).size(), "every batch ends at its own offset");
        java.util.Set<String> ids = new java.util.HashSet<>();
        IngestLog.ReplayCounts counts = new IngestLog(root).replayEvents((e, written) -> ids.add(e.eventId()));
        assertEquals(new IngestLog.ReplayCounts(threads * batches, 0, 0), counts);
        assertEquals(threads * batches, ids.size());
    }
}
