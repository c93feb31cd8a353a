package io.marketgraph.personalize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRerankMainTest {

    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        PrintStream err0 = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            return TrainRerankMain.run(args);
        } finally {
            System.setErr(err0);
            err = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void help_bad_flags_and_missing_inputs() {
        String d = dir.toString();
        assertEquals(0, run("--help"));
        assertEquals(2, run("--graph", d, "--search", d, "--posts", d, "--registry", d, "--epochs", "many"));
        assertTrue(err.contains("'many' is not an integer"), err);
        assertEquals(2, run("--graph", d, "--search", "/no/search", "--posts", d, "--registry", d));
        assertTrue(err.startsWith("train-rerank: --search /no/search: no such file or directory"), err);
        assertEquals(2, run("--graph", d, "--search", d, "--posts", d, "--registry", "/no/registry"));
        assertTrue(err.contains("--registry /no/registry: no such file or directory"), err);
        assertEquals(1, err.lines().count(), err);
    }
}
