package io.marketgraph.store.bench;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.store.EmbeddedNeo4j;
import io.marketgraph.store.ExportConfig;
import io.marketgraph.store.ExportJob;
import io.marketgraph.store.Neo4jConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * {@code bin/marketgraph check-export-twice}: exports a graph directory (and optionally a model
 * version's predicted links) twice into a fresh embedded Neo4j and checks with Cypher that the
 * second export changed no count: nodes per label, relationships per type, and the sums of every
 * relationship's weight and score (a changed property would move them). The test command runs it
 * on the demo's output. Exit 0 when equal, 1 when not, 2 on bad usage.
 */
public final class ExportTwiceCheck {

    private static final String USAGE = String.join("\n",
            "usage: bin/marketgraph check-export-twice --graph DIR [--predicted-links FILE --model-version V]",
            "                                          [--work-dir DIR] [--out FILE]",
            "  --graph DIR            a graph directory (build-graph's output)",
            "  --predicted-links FILE predicted links to export after the graph, as --model-version V; default: none",
            "  --model-version V      required with --predicted-links",
            "  --work-dir DIR         the embedded Neo4j's data (replaced); default: target/check-export-twice",
            "  --out FILE             also write the JSON result there; default: none",
            "  --help                 this text");

    private static final List<String> CHECKS = List.of(
            "MATCH (n) UNWIND labels(n) AS label RETURN 'nodes:' + label AS key, count(*) AS value ORDER BY key",
            "MATCH ()-[r]->() RETURN 'relationships:' + type(r) AS key, count(*) AS value ORDER BY key",
            "MATCH ()-[r]->() WHERE r.weight IS NOT NULL RETURN 'sum(weight):' + type(r) AS key, sum(r.weight) AS value ORDER BY key",
            "MATCH ()-[r:PREDICTED_INTEREST]->() RETURN 'sum(score):' + r.model_version AS key, sum(r.score) AS value ORDER BY key");

    private ExportTwiceCheck() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = BenchFlags.parse("check-export-twice", USAGE, args);
        if (flags == null) {
            return;
        }
        if (!flags.containsKey("--graph")) {
            usageError("--graph is required");
        }
        Path links = flags.containsKey("--predicted-links") ? Path.of(flags.get("--predicted-links")) : null;
        ExportConfig config;
        try {
            config = new ExportConfig(Path.of(flags.get("--graph")), links, flags.get("--model-version"),
                    ExportConfig.DEFAULT_BATCH_SIZE, ExportConfig.DEFAULT_THREADS, 1.0);
        } catch (IllegalArgumentException e) {
            usageError(e.getMessage());
            return;
        }
        if (!GraphDirectory.isGraphDirectory(config.graph())) {
            usageError("--graph " + config.graph() + " is not a graph directory (no " + GraphDirectory.NODES_TSV
                    + "/ in it): give build-graph's output");
        }
        Path dataDir = Path.of(flags.getOrDefault("--work-dir", "target/check-export-twice"));
        AtomicOutput.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);

        Map<String, Object> result = new LinkedHashMap<>();
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(new EmbeddedNeo4j.Settings(dataDir, 0, 128));
             Driver driver = Neo4jConnection.noAuth(server.boltUri(), Neo4jConnection.BATCH_RETRY).openDriver()) {
            for (String run : List.of("first", "second")) {
                new ExportJob(driver, server.boltUri().toString(),
                        new LoggingProgressTracker("check-export-twice " + run, System.err::println)).run(config);
                result.put(run, counts(driver));
            }
        }
        boolean equal = result.get("first").equals(result.get("second"));
        result.put("equal", equal);
        System.out.println(Json.MAPPER.writeValueAsString(result));
        if (flags.containsKey("--out")) {
            Json.write(Path.of(flags.get("--out")), result);
        }
        if (!equal) {
            System.err.println("check-export-twice: the second export changed the database (see 'first' and 'second' above)");
            System.exit(1);
        }
    }

    /** Every check's rows as key -> value, in one read transaction. */
    private static Map<String, Object> counts(Driver driver) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (String check : CHECKS) {
                    for (Record row : tx.run(check).list()) {
                        out.put(row.get("key").asString(), row.get("value").asObject());
                    }
                }
                return out;
            });
        }
    }

    private static void usageError(String message) {
        BenchFlags.usageError("check-export-twice", USAGE, message);
    }
}
