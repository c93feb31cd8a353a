package io.marketgraph.store.cli;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.store.ExportConfig;
import io.marketgraph.store.ExportJob;
import io.marketgraph.store.ExportResult;
import io.marketgraph.store.Neo4jConnection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** {@code bin/marketgraph export-neo4j}: a graph directory and/or predicted links into Neo4j. */
public final class ExportNeo4jMain {

    static final String USAGE = String.join("\n",
            "usage: bin/marketgraph export-neo4j [--graph DIR] [--predicted-links FILE --model-version V] [flags]",
            "",
            "  --graph DIR             graph directory from build-graph (nodes.tsv/, edges.tsv/, _SUCCESS); default: none",
            "  --predicted-links FILE  predicted links (TSV: source_kind source_id target_kind target_id score,",
            "                          gzip if .gz, or a directory of parts); default: none",
            "  --model-version V       model version of the predicted links: replaces every other version; default: none",
            "  --batch-size N          rows per transaction; default: " + ExportConfig.DEFAULT_BATCH_SIZE,
            "  --threads N             concurrent writer sessions (partitioned by node, so they rarely collide); default: "
                    + ExportConfig.DEFAULT_THREADS,
            "  --max-rejected F        fraction of input records that may be rejected before exit 3; default: "
                    + ExportConfig.DEFAULT_MAX_REJECTED_FRACTION,
            "  --out FILE              also write the JSON report there; default: none",
            "  --help                  this text",
            "",
            "Give --graph, --predicted-links or both. Idempotent: running it again changes nothing.",
            "Neo4j from the environment: NEO4J_URI (default " + Neo4jConnection.DEFAULT_URI
                    + ", the server of `bin/marketgraph neo4j`),",
            "NEO4J_USER and NEO4J_PASSWORD (unset: no authentication).",
            "Exit: 0 ok, 2 bad usage, 3 input rejected (beyond --max-rejected, or malformed), 1 failure (e.g. Neo4j unreachable).");

    private static final Set<String> FLAGS = Set.of("--graph", "--predicted-links", "--model-version",
            "--batch-size", "--threads", "--max-rejected", "--out");

    private ExportNeo4jMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        ExportConfig config;
        Neo4jConnection connection;
        Path report;
        try {
            CliFlags flags = CliFlags.parse(args, FLAGS, Set.of());
            String graph = flags.string("--graph", null);
            String links = flags.string("--predicted-links", null);
            String out0 = flags.string("--out", null);
            report = out0 == null ? null : Path.of(out0);
            config = new ExportConfig(graph == null ? null : Path.of(graph), links == null ? null : Path.of(links),
                    flags.string("--model-version", null),
                    flags.intValue("--batch-size", ExportConfig.DEFAULT_BATCH_SIZE),
                    flags.intValue("--threads", ExportConfig.DEFAULT_THREADS),
                    flags.doubleValue("--max-rejected", ExportConfig.DEFAULT_MAX_REJECTED_FRACTION));
            connection = Neo4jConnection.fromEnv(env, Neo4jConnection.BATCH_RETRY);
        } catch (CliFlags.UsageException | IllegalArgumentException e) {
            err.println("export-neo4j: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (Driver driver = connection.openDriver()) {
            ExportResult result = new ExportJob(driver, connection.describe(),
                    new LoggingProgressTracker("export-neo4j", err::println)).run(config);
            out.println(result.summary());
            if (report != null) {
                Json.write(report, result.report());
                out.println("  report:           " + report);
            }
            if (ExportJob.rejectedBeyondThreshold(result, config)) {
                err.println("export-neo4j: " + result.rejectedCount() + " of " + result.recordsRead()
                        + " input records were rejected " + result.rejected() + ", more than --max-rejected "
                        + config.maxRejectedFraction() + " allows");
                return 3;
            }
            return 0;
        } catch (InvalidInputException e) {
            err.println("export-neo4j: input rejected: " + e.getMessage());
            return 3;
        } catch (ServiceUnavailableException e) {
            err.println("export-neo4j: cannot reach Neo4j at " + connection.describe() + ": " + e.getMessage()
                    + "\n  start one with `bin/marketgraph neo4j`, or point NEO4J_URI at a running server");
            return 1;
        } catch (AuthenticationException e) {
            err.println("export-neo4j: Neo4j at " + connection.describe() + " refused the credentials: "
                    + e.getMessage() + " (check NEO4J_USER and NEO4J_PASSWORD)");
            return 1;
        }
    }
}
