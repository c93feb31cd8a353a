package io.marketgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "probe", description = "a command for this test")
    static final class Options implements Cli.Checked {
        @Option(names = "--in", description = "input file", required = true)
        Path in;
        @Option(names = "--walk-length", description = "nodes per walk", defaultValue = "80")
        int walkLength;
        @Option(names = "--min", description = "lower bound", defaultValue = "1")
        int min;
        @Option(names = "--max", description = "upper bound", defaultValue = "5")
        int max;

        @Override
        public void check() {
            Cli.existing(in, "--in");
            Cli.require(min <= max, "--min must be <= --max, got %d > %d", min, max);
        }
    }

    record Run(int code, String out, String err, boolean bodyRan) {}

    private static Run run(Cli.Body<Options> body, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicBoolean ran = new AtomicBoolean();
        int code = Cli.run("probe", new Options(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), o -> {
                    ran.set(true);
                    return body.run(o);
                });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), ran.get());
    }

    @Test
    void help_is_exit_0_and_shows_each_default_from_the_declaration() {
        Run r = run(o -> 0, "--help");
        assertEquals(0, r.code());
        assertFalse(r.bodyRan());
        assertTrue(r.out().contains("bin/marketgraph probe"), r.out());
        assertTrue(r.out().matches("(?s).*--walk-length=<walkLength>\\s+nodes per walk\\s+Default: 80.*"), r.out());
    }

    @Test
    void usage_errors_are_one_line_exit_2_and_stop_before_the_body(@TempDir Path dir) {
        for (String[] args : new String[][] {{"--in", dir.toString(), "--bogus"}, {"--in", dir.toString(), "--walk-length", "abc"},
                {"--walk-length", "3"}, {"--in", dir.toString(), "--min", "9"}}) {
            Run r = run(o -> 0, args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertFalse(r.bodyRan());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("probe: "), r.err());
        }
        assertTrue(run(o -> 0, "--in", dir.toString(), "--walk-length", "abc").err().contains("'abc'"));
        assertTrue(run(o -> 0, "--in", dir.toString(), "--min", "9").err().contains("--min must be <= --max, got 9 > 5"));
    }

    @Test
    void an_unknown_flag_is_named_even_when_a_required_one_is_missing() {
        Run r = run(o -> 0, "--inn", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("probe: Unknown options: '--inn', 'x'"), r.err());
    }

    @Test
    void a_missing_input_path_is_exit_2_naming_the_path() {
        Run r = run(o -> 0, "--in", "/no/such/input");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("probe: --in /no/such/input: no such file or directory"), r.err());
    }

    @Test
    void values_parse_with_underscores_and_the_last_repeat_wins(@TempDir Path dir) {
        Run r = run(o -> o.walkLength, "--in", dir.toString(), "--walk-length", "1_0", "--walk-length", "12");
        assertEquals(12, r.code());
    }

    @Test
    void the_body_maps_rejected_input_to_3_and_failures_to_1(@TempDir Path dir) {
        Run rejected = run(o -> {
            throw new InvalidInputException("line 3: weight 'x' is not a number");
        }, "--in", dir.toString());
        assertEquals(3, rejected.code());
        assertEquals("probe: input rejected: line 3: weight 'x' is not a number", rejected.err().strip());
        Run failed = run(o -> {
            throw new IllegalStateException("boom");
        }, "--in", dir.toString());
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("boom"));
        Run usage = run(o -> {
            throw new UsageException("--k must be > 0, got 0");
        }, "--in", dir.toString());
        assertEquals(2, usage.code());
    }
}
