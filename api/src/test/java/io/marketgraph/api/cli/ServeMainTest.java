package io.marketgraph.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve refuses bad flags and missing inputs with exit 2 before it loads a model or binds a port. */
class ServeMainTest {

    @TempDir
    Path registry;

    private String err;

    private int run(String... args) {
        PrintStream err0 = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            return ServeMain.run(args);
        } finally {
            System.setErr(err0);
            err = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    private void assertOneLine(String expected) {
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception"), err);
        assertTrue(err.startsWith("serve: ") && err.contains(expected), err);
    }

    @Test
    void a_port_that_is_not_a_number_is_exit_2_before_the_model_loads() {
        assertEquals(2, run("--registry", registry.toString(), "--port", "abc"));
        assertOneLine("--port");
        assertOneLine("'abc' is not an integer");
    }

    @Test
    void a_registry_that_does_not_exist_is_refused_instead_of_waited_for() {
        assertEquals(2, run("--registry", "/nonexistent"));
        assertOneLine("--registry /nonexistent: no such file or directory");
    }

    @Test
    void missing_keys_file_unknown_flag_and_missing_registry_flag() {
        assertEquals(2, run("--registry", registry.toString(), "--keys", "/no/keys.json"));
        assertOneLine("--keys /no/keys.json: no such file or directory");
        String keys = Path.of("../config/api-keys.dev.json").toString(); // the module directory is the working directory
        assertEquals(2, run("--registry", registry.toString(), "--keys", keys, "--bogus"));
        assertOneLine("'--bogus'");
        assertEquals(2, run());
        assertOneLine("--registry");
        assertEquals(2, run("--registry", registry.toString(), "--keys", keys, "--port", "70000"));
        assertOneLine("--port must be in 0..65535, got 70000");
    }

    @Test
    void help_is_exit_0() {
        assertEquals(0, run("--help"));
    }
}
