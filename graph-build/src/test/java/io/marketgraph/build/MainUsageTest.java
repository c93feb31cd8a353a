package io.marketgraph.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.build.generate.GenerateMain;
import io.marketgraph.build.graph.BuildGraphMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and usage errors of generate and build-graph, decided before any Spark session exists. */
class MainUsageTest {

    record Run(int code, String out, String err) {}

    static Run run(ToIntFunction<String[]> main, String... args) {
        PrintStream out0 = System.out;
        PrintStream err0 = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = main.applyAsInt(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out0);
            System.setErr(err0);
        }
    }

    static void assertUsageError(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    }

    @Test
    void build_graph_help_is_exit_0_with_the_defaults_from_the_declarations() {
        Run r = run(BuildGraphMain::run, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s).*--half-life-days=D\\s+decay half-life in days\\s+Default: 30\\.0.*"), r.out());
        assertTrue(r.out().contains("--max-reject-fraction"), r.out());
    }

    @Test
    void build_graph_usage_errors_name_the_flag_and_the_value(@TempDir Path dir) {
        String d = dir.toString();
        assertUsageError(run(BuildGraphMain::run, "--events", d, "--entities", d, "--out", "o", "--bogus"), "--bogus");
        assertUsageError(run(BuildGraphMain::run, "--events", d, "--entities", d), "--out");
        assertUsageError(run(BuildGraphMain::run, "--out", "o"), "give --events PATH and --entities DIR, or --edge-list FILE");
        assertUsageError(run(BuildGraphMain::run, "--edge-list", d, "--out", "o", "--weight", "VIEW"), "ACTION=W");
        assertUsageError(run(BuildGraphMain::run, "--events", d, "--entities", d, "--out", "o", "--half-life-days", "-1"),
                "--half-life-days must be a finite number > 0, got -1.0");
        assertUsageError(run(BuildGraphMain::run, "--events", d, "--entities", d, "--out", "o", "--now", "soon"),
                "--now must be epoch millis or ISO-8601, got 'soon'");
        assertUsageError(run(BuildGraphMain::run, "--events", d, "--entities", d, "--out", "o", "--popular-top", "ten"),
                "'ten'");
    }

    @Test
    void build_graph_missing_inputs_are_exit_2_naming_the_path(@TempDir Path dir) {
        assertUsageError(run(BuildGraphMain::run, "--events", "/no/events", "--entities", dir.toString(), "--out", "o"),
                "--events /no/events: no such file or directory");
        assertUsageError(run(BuildGraphMain::run, "--events", dir.toString(), "--entities", "/no/entities", "--out", "o"),
                "--entities /no/entities: no such file or directory");
        assertUsageError(run(BuildGraphMain::run, "--edge-list", "/no/edges.txt", "--out", "o"),
                "--edge-list /no/edges.txt: no such file or directory");
    }

    @Test
    void generate_help_bad_flags_and_values() {
        Run help = run(GenerateMain::run, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().matches("(?s).*--users=N\\s+users\\s+Default: 20000.*"), help.out());
        assertUsageError(run(GenerateMain::run, "--out", "o", "--users", "ten"), "'ten'");
        assertUsageError(run(GenerateMain::run, "--out", "o", "--bogus"), "--bogus");
        assertUsageError(run(GenerateMain::run, "--out", "o", "--days", "0"), "--days must be in 1..3650, got 0");
        assertUsageError(run(GenerateMain::run, "--users", "10"), "--out");
    }
}
