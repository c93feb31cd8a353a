package io.marketgraph.build.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketplaceGeneratorTest {

    @TempDir
    Path tmp;

    private GenerateConfig config(Path out, long seed, int threads) {
        return new GenerateConfig(out, 600, 900, 12, 30, seed, 4, 10, 9_000, 0.15, 0.1,
                GenerateConfig.DEFAULT_NOW, threads, 250, false);
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @Test
    void same_seed_gives_byte_identical_output_whatever_the_thread_count() throws IOException {
        MarketplaceGenerator.Result a = new MarketplaceGenerator(config(tmp.resolve("a"), 7, 1), ProgressTracker.NOOP).run();
        new MarketplaceGenerator(config(tmp.resolve("b"), 7, 3), ProgressTracker.NOOP).run();
        Map<String, byte[]> fa = files(tmp.resolve("a"));
        Map<String, byte[]> fb = files(tmp.resolve("b"));
        assertEquals(fa.keySet(), fb.keySet());
        for (String name : fa.keySet()) {
            assertArrayEquals(fa.get(name), fb.get(name), name);
        }
        assertTrue(fa.containsKey("events/part-00002.jsonl"), "600 users at 250 per part give 3 parts: " + fa.keySet());
        assertTrue(AtomicOutput.isComplete(tmp.resolve("a")));
        assertEquals(600, a.users());
        long lines = 0;
        for (String name : fa.keySet()) {
            if (name.startsWith("events/")) {
                lines += new String(fa.get(name)).lines().count();
            }
        }
        assertEquals(a.events(), lines);
        assertTrue(Math.abs(a.events() - 9_000) < 200, "events near the target of 9000: " + a.events());
    }

    @Test
    void a_different_seed_gives_different_data() throws IOException {
        new MarketplaceGenerator(config(tmp.resolve("a"), 7, 2), ProgressTracker.NOOP).run();
        new MarketplaceGenerator(config(tmp.resolve("b"), 8, 2), ProgressTracker.NOOP).run();
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/events/part-00000.jsonl")),
                Files.readAllBytes(tmp.resolve("b/events/part-00000.jsonl"))));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/posts.csv")),
                Files.readAllBytes(tmp.resolve("b/posts.csv"))));
    }

    @Test
    void writes_the_documented_layout_with_headers_and_ground_truth() throws IOException {
        new MarketplaceGenerator(config(tmp.resolve("d"), 1, 2), ProgressTracker.NOOP).run();
        Path d = tmp.resolve("d");
        assertEquals("user_id,region_id,joined_at", Files.readAllLines(d.resolve("users.csv")).get(0));
        assertEquals(601, Files.readAllLines(d.resolve("users.csv")).size());
        assertEquals("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status",
                Files.readAllLines(d.resolve("posts.csv")).get(0));
        assertEquals(901, Files.readAllLines(d.resolve("posts.csv")).size());
        assertEquals(17, Files.readAllLines(d.resolve("regions.csv")).size());
        assertEquals("user_id,category_id,weight", Files.readAllLines(d.resolve("truth/user_tastes.csv")).get(0));
        List<String> search = Files.readAllLines(d.resolve("search/part-00000.jsonl"));
        assertTrue(search.get(0).startsWith("{\"search_id\":\"s"), search.get(0));
        assertTrue(search.get(0).contains("\"candidates\":[{\"post_id\":\"p"), search.get(0));
        String event = Files.readAllLines(d.resolve("events/part-00000.jsonl")).get(0);
        assertTrue(event.matches("\\{\"event_id\":\"e\\d+_1\",\"ts\":\\d+,\"user_id\":\"u\\d+\",\"action\":\"[A-Z_]+\","
                + "\"target_kind\":\"(POST|BUSINESS)\",\"target_id\":\"[pb]\\d+\"(,\"query\":\"[a-z ]+\")?,\"region_id\":\\d+}"), event);
    }

    /** Each stage's units end at the volume it announced (600 users + 900 posts; 600 users' events in parts of 250). */
    @Test
    void progress_totals_end_at_the_announced_volume() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        new MarketplaceGenerator(config(tmp.resolve("p"), 3, 2),
                new io.marketgraph.progress.LoggingProgressTracker("generate", lines::add)).run();
        assertTrue(lines.stream().anyMatch(l -> l.contains("entities started (1,500 units)")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("entities done") && l.contains("(1,500 units")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("events done") && l.contains("(600 units")), lines.toString());
    }
}
