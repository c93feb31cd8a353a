package io.marketgraph.store.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class ExportNeo4jMainTest {

    @TempDir
    Path graph;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ExportNeo4jMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_prints_usage_naming_every_flag_with_its_default_and_exits_0() {
        assertEquals(0, run(Map.of(), "--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--graph", "--predicted-links", "--model-version", "--batch-size",
                "--threads", "--max-rejected", "--out", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "Default: 5000"}) {
            assertTrue(usage.contains(flag), flag + " missing from usage");
        }
    }

    @Test
    void bad_usage_exits_2_with_the_reason_and_the_usage() {
        assertEquals(2, run(Map.of(), "--graf", "x"));
        assertTrue(err().startsWith("export-neo4j: Unknown options: '--graf', 'x'"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void links_without_a_version_nothing_to_export_and_a_bad_batch_size_exit_2() {
        assertEquals(2, run(Map.of(), "--predicted-links", "l.tsv"));
        assertTrue(err().contains("--predicted-links l.tsv needs --model-version"), err());
        assertEquals(2, run(Map.of()));
        assertTrue(err().contains("nothing to export: give --graph DIR, --predicted-links FILE or both"), err());
        assertEquals(2, run(Map.of(), "--graph", graph.toString(), "--batch-size", "0"));
        assertTrue(err().contains("--batch-size must be in 1..1000000, got 0"), err());
        assertEquals(2, run(Map.of("NEO4J_URI", "http://x:7474"), "--graph", graph.toString()));
        assertTrue(err().contains("NEO4J_URI must be a bolt:// or neo4j:// URI, got 'http://x:7474'"), err());
    }

    @Test
    void a_missing_input_exits_2_naming_the_path_before_connecting() {
        assertEquals(2, run(Map.of("NEO4J_URI", "bolt://127.0.0.1:1"), "--graph", "/no/graph"));
        assertTrue(err().startsWith("export-neo4j: --graph /no/graph: no such file or directory"), err());
        assertEquals(2, run(Map.of(), "--predicted-links", "/no/links.tsv.gz", "--model-version", "v1"));
        assertTrue(err().contains("--predicted-links /no/links.tsv.gz: no such file or directory"), err());
    }

    @Test
    void an_unreachable_neo4j_exits_1_naming_the_uri_and_how_to_start_one() {
        assertEquals(1, run(Map.of("NEO4J_URI", "bolt://127.0.0.1:1"), "--graph", graph.toString()));
        assertTrue(err().lines().anyMatch(line -> line.startsWith("export-neo4j: cannot reach Neo4j at bolt://127.0.0.1:1 (no auth): ")),
                err());
        assertTrue(err().contains("start one with `bin/marketgraph neo4j`"), err());
    }
}
