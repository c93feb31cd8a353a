package io.marketgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path tmp;

    @Test
    void commit_replaces_the_previous_result_and_marks_success_last() throws IOException {
        Path target = tmp.resolve("graph");
        write(target, "old");
        write(target, "new");

        assertEquals("new", Files.readString(target.resolve("data.txt")));
        assertTrue(AtomicOutput.isComplete(target));
        assertEquals(1, countEntries(tmp), "no temp or aside directories left behind");
    }

    @Test
    void a_failed_run_leaves_the_previous_result_untouched_and_no_temp_dir() throws IOException {
        Path target = tmp.resolve("graph");
        write(target, "good");

        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                Files.writeString(out.dir().resolve("data.txt"), "half");
                throw new IllegalStateException("job failed");
            }
        });

        assertEquals("good", Files.readString(target.resolve("data.txt")));
        assertEquals(1, countEntries(tmp));
    }

    @Test
    void a_directory_without_success_is_incomplete() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("half"));
        assertFalse(AtomicOutput.isComplete(dir));
    }

    private static void write(Path target, String text) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Files.writeString(out.dir().resolve("data.txt"), text);
            out.commit();
        }
    }

    private static long countEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
