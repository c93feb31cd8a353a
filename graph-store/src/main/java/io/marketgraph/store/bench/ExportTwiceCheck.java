package io.marketgraph.store.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph check-export-twice}: exports a graph directory (and optionally a model
 * version's predicted links) twice into a fresh embedded Neo4j and checks with Cypher that the
 * second export changed no count: nodes per label, relationships per type, and the sums of every
 * relationship's weight and score (a changed property would move them). The test command runs it
 * on the demo's output. Exit 0 when equal, 1 when not, 2 on bad usage.
 */
public final class ExportTwiceCheck {

    /** The flags of {@code bin/marketgraph check-export-twice}. */
    @Command(name = "check-export-twice", sortOptions = false,
            description = "Exports a graph directory (and predicted links) twice into a fresh embedded Neo4j.",
            footer = "Exit: 0 when both runs leave the same counts, 1 when not or on failure, 2 bad usage.")
    static final class Options implements Cli.Checked {
        @Option(names = "--graph", paramLabel = "DIR", required = true, description = "a graph directory (build-graph's output)")
        Path graph;

        @Option(names = "--predicted-links", paramLabel = "FILE",
                description = "predicted links to export after the graph, as --model-version V")
        Path predictedLinks;

        @Option(names = "--model-version", paramLabel = "V", description = "required with --predicted-links")
        String modelVersion;

        @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/check-export-twice",
                description = "the embedded Neo4j's data (replaced)")
        Path workDir;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON result there")
        Path out;

        @Override
        public void check() {
            Cli.existing(graph, "--graph");
            Cli.existing(predictedLinks, "--predicted-links");
            Cli.require(GraphDirectory.isGraphDirectory(graph), "--graph %s is not a graph directory (no %s/ in it):"
                    + " give build-graph's output", graph, GraphDirectory.NODES_TSV);
            config();
        }

        ExportConfig config() {
            try {
                return new ExportConfig(graph, predictedLinks, modelVersion, ExportConfig.DEFAULT_BATCH_SIZE,
                        ExportConfig.DEFAULT_THREADS, 1.0);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    private static final List<String> CHECKS = List.of(
            "MATCH (n) UNWIND labels(n) AS label RETURN 'nodes:' + label AS key, count(*) AS value ORDER BY key",
            "MATCH ()-[r]->() RETURN 'relationships:' + type(r) AS key, count(*) AS value ORDER BY key",
            "MATCH ()-[r]->() WHERE r.weight IS NOT NULL RETURN 'sum(weight):' + type(r) AS key, sum(r.weight) AS value ORDER BY key",
            "MATCH ()-[r:PREDICTED_INTEREST]->() RETURN 'sum(score):' + r.model_version AS key, sum(r.score) AS value ORDER BY key");

    private ExportTwiceCheck() {}

    public static void main(String[] args) {
        System.exit(Cli.run("check-export-twice", new Options(), args, ExportTwiceCheck::check));
    }

    private static int check(Options options) throws IOException {
        ExportConfig config = options.config();
        Path dataDir = options.workDir;
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
        if (options.out != null) {
            Json.write(options.out, result);
        }
        if (!equal) {
            System.err.println("check-export-twice: the second export changed the database (see 'first' and 'second' above)");
            return 1;
        }
        return 0;
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
}
