package io.marketgraph.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.build.generate.GenerateConfig;
import io.marketgraph.cli.CliFlags;
import io.marketgraph.build.graph.BuildGraphConfig;
import io.marketgraph.build.graph.BuildGraphMain;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exit codes and usage errors, decided before any Spark session exists. */
class MainUsageTest {

    @Test
    void help_is_exit_0_and_bad_usage_is_exit_2() {
        assertEquals(0, BuildGraphMain.run(new String[] {"--help"}));
        assertEquals(2, BuildGraphMain.run(new String[] {"--out", "/tmp/x"}));
        assertEquals(2, BuildGraphMain.run(new String[] {"--events", "e", "--entities", "d", "--out", "o", "--bogus"}));
        assertEquals(2, BuildGraphMain.run(new String[] {"--edge-list", "f", "--out", "o", "--weight", "VIEW"}));
    }

    @Test
    void usage_errors_name_the_flag_and_the_value() {
        CliFlags f = CliFlags.parse(new String[] {"--out", "o", "--users", "ten"}, GenerateConfig.VALUED, GenerateConfig.SWITCHES);
        assertEquals("flag --users must be an integer, got 'ten'",
                org.junit.jupiter.api.Assertions.assertThrows(CliFlags.UsageException.class,
                        () -> GenerateConfig.fromFlags(f)).getMessage());
        CliFlags g = CliFlags.parse(new String[] {"--events", "e", "--entities", "d", "--out", "o", "--half-life-days", "-1"},
                BuildGraphConfig.VALUED, Set.of());
        assertEquals("--half-life-days must be a finite number > 0, got -1.0",
                org.junit.jupiter.api.Assertions.assertThrows(CliFlags.UsageException.class,
                        () -> BuildGraphConfig.fromFlags(g)).getMessage());
        CliFlags h = CliFlags.parse(new String[] {"--events", "e", "--entities", "d", "--out", "o", "--now", "soon"},
                BuildGraphConfig.VALUED, Set.of());
        assertEquals("--now must be epoch millis or ISO-8601, got 'soon'",
                org.junit.jupiter.api.Assertions.assertThrows(CliFlags.UsageException.class,
                        () -> BuildGraphConfig.fromFlags(h)).getMessage());
        assertEquals(Path.of("o"), BuildGraphConfig.fromFlags(CliFlags.parse(new String[] {"--edge-list", "f", "--out", "o"},
                BuildGraphConfig.VALUED, Set.of())).out());
    }
}
