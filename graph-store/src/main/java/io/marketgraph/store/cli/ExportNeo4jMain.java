package io.marketgraph.store.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.io.Json;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.store.ExportConfig;
import io.marketgraph.store.ExportJob;
import io.marketgraph.store.ExportResult;
import io.marketgraph.store.Neo4jConnection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** {@code bin/marketgraph export-neo4j}: a graph directory and/or predicted links into Neo4j. */
public final class ExportNeo4jMain {

    private ExportNeo4jMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Cli.run("export-neo4j", new ExportNeo4jOptions(), args, out, err, options -> {
            Neo4jConnection connection;
            try {
                connection = Neo4jConnection.fromEnv(env, Neo4jConnection.BATCH_RETRY);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return export(options.config(), options.out, connection, out, err);
        });
    }

    private static int export(ExportConfig config, Path report, Neo4jConnection connection, PrintStream out,
                              PrintStream err) {
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
