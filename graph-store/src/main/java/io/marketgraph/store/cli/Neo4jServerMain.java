package io.marketgraph.store.cli;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.store.EmbeddedNeo4j;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/marketgraph neo4j}: an embedded Neo4j 5.26 with Bolt on 127.0.0.1, no authentication,
 * until Ctrl-C or SIGTERM (a shutdown hook stops it cleanly).
 */
public final class Neo4jServerMain {

    static final String USAGE = String.join("\n",
            "usage: bin/marketgraph neo4j [--data-dir DIR] [--port N] [--page-cache-mb MB]",
            "",
            "  --data-dir DIR       where the database, transaction logs and logs live; default: ./neo4j-data",
            "  --port N             Bolt port on 127.0.0.1 (0: any free port); default: " + EmbeddedNeo4j.Settings.DEFAULT_PORT,
            "  --page-cache-mb MB   page cache size in MiB; default: " + EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB,
            "  --help               this text",
            "",
            "Runs until Ctrl-C / SIGTERM. Authentication is off: it listens on 127.0.0.1 only.",
            "Connect with NEO4J_URI=bolt://127.0.0.1:<port> (export-neo4j's default is port 7687).");

    private static final Set<String> FLAGS = Set.of("--data-dir", "--port", "--page-cache-mb");

    private Neo4jServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            System.exit(0);
        }
        EmbeddedNeo4j.Settings settings;
        try {
            CliFlags flags = CliFlags.parse(args, FLAGS, Set.of());
            settings = new EmbeddedNeo4j.Settings(Path.of(flags.string("--data-dir", "neo4j-data")),
                    flags.intValue("--port", EmbeddedNeo4j.Settings.DEFAULT_PORT),
                    flags.intValue("--page-cache-mb", EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB));
        } catch (CliFlags.UsageException | IllegalArgumentException e) {
            System.err.println("neo4j: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
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
            System.exit(1);
            return;
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
    }
}
