package io.marketgraph.store.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.store.EmbeddedNeo4j;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph neo4j}: an embedded Neo4j 5.26 with Bolt on 127.0.0.1, no authentication,
 * until Ctrl-C or SIGTERM (a shutdown hook stops it cleanly).
 */
public final class Neo4jServerMain {

    /** The flags of {@code bin/marketgraph neo4j}. */
    @Command(name = "neo4j", sortOptions = false,
            description = "An embedded Neo4j 5.26 with Bolt on 127.0.0.1 and authentication off, until Ctrl-C / SIGTERM.",
            footer = {"Connect with NEO4J_URI=bolt://127.0.0.1:<port> (export-neo4j's default is port 7687).",
                    "Exit: 0 stopped, 2 bad usage, 1 failed to start."})
    static final class Options {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "neo4j-data",
                description = "where the database, transaction logs and logs live")
        Path dataDir;

        @Option(names = "--port", paramLabel = "N", defaultValue = "" + EmbeddedNeo4j.Settings.DEFAULT_PORT,
                description = "Bolt port on 127.0.0.1 (0: any free port)")
        int port;

        @Option(names = "--page-cache-mb", paramLabel = "MB", defaultValue = "" + EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB,
                description = "page cache size in MiB")
        int pageCacheMb;

        EmbeddedNeo4j.Settings settings() {
            try {
                return new EmbeddedNeo4j.Settings(dataDir, port, pageCacheMb);
            } catch (IllegalArgumentException e) {
                throw new io.marketgraph.cli.UsageException(e.getMessage());
            }
        }
    }

    private Neo4jServerMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("neo4j", new Options(), args, options -> serve(options.settings(), System.out));
    }

    private static int serve(EmbeddedNeo4j.Settings settings, PrintStream out) throws InterruptedException {
        out.println("neo4j: starting an embedded Neo4j 5.26 in " + settings.dataDir().toAbsolutePath() + " ...");
        long start = System.nanoTime();
        EmbeddedNeo4j server;
        try {
            server = EmbeddedNeo4j.start(settings);
        } catch (RuntimeException e) {
            System.err.println("neo4j: failed to start on 127.0.0.1:" + settings.port() + " with data in "
                    + settings.dataDir().toAbsolutePath() + ": " + e.getMessage()
                    + " (is the port taken, or another server using that directory?); logs: "
                    + settings.dataDir().toAbsolutePath().resolve("logs"));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j: stopping ...");
            server.close();
            System.err.println("neo4j: stopped cleanly");
            stopped.countDown();
        }, "neo4j-shutdown"));
        out.printf("neo4j: ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.println("neo4j: bolt URI " + server.boltUri() + "  (no auth; export with NEO4J_URI=" + server.boltUri() + ")");
        out.println("neo4j: press Ctrl-C to stop");
        out.flush();
        stopped.await();
        return 0;
    }
}
