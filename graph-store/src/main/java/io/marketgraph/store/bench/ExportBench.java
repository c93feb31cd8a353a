package io.marketgraph.store.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.Json;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.store.EmbeddedNeo4j;
import io.marketgraph.store.ExportConfig;
import io.marketgraph.store.ExportJob;
import io.marketgraph.store.ExportResult;
import io.marketgraph.store.Neo4jConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph bench-export-neo4j}: export throughput into the embedded Neo4j. Writes a
 * synthetic graph directory and a model version's predicted links, starts a fresh embedded server
 * (Bolt on a free port), exports both twice (the second run is the idempotent no-op re-run) and
 * checks with Cypher that both runs leave the same node and relationship counts. Prints and writes (with {@code --out}) JSON.
 * Lives in graph-store, not in benchmarks/, because a Neo4j 5.26 server cannot run on the
 * benchmarks module's Spark/Netty 4.2 classpath (VERSIONS.md section 3).
 */
public final class ExportBench {

    /** The flags of {@code bin/marketgraph bench-export-neo4j}. */
    @Command(name = "bench-export-neo4j", sortOptions = false,
            description = "Export throughput into a fresh embedded Neo4j: a first load and the idempotent re-export.",
            footer = "Exit: 0 ok, 2 bad usage, 1 failure.")
    static final class Options {
        // ---- the synthetic graph
        @Option(names = "--users", paramLabel = "N", defaultValue = "60000", description = "users")
        int users;
        @Option(names = "--posts", paramLabel = "N", defaultValue = "35000", description = "posts")
        int posts;
        @Option(names = "--businesses", paramLabel = "N", defaultValue = "5000", description = "businesses")
        int businesses;
        @Option(names = "--edges", paramLabel = "N", defaultValue = "500000",
                description = "distinct user->post/business interactions (plus one LISTED edge a post)")
        int edges;
        @Option(names = "--links-per-user", paramLabel = "N", defaultValue = "10", description = "predicted links a user"
                + " (PREDICTED_INTEREST, 80 % to posts), exported after the graph in each run as one model version; 0: none")
        int linksPerUser;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "generator seed")
        long seed;
        // ---- the export
        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ExportConfig.DEFAULT_BATCH_SIZE,
                description = "rows per transaction")
        int batchSize;
        @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ExportConfig.DEFAULT_THREADS,
                description = "concurrent writer sessions")
        int threads;
        @Option(names = "--warmup-edges", paramLabel = "N", defaultValue = "0", description = "before the measured runs,"
                + " export a separate graph (a fifth of the nodes, N interactions, seed+1, with its predicted links as another"
                + " model version) and delete everything again, so that the first measured run is a first export into an"
                + " empty database on a warmed-up server JVM; 0: none (the first run includes the fresh server's JIT warm-up)")
        int warmupEdges;
        // ---- where
        @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/bench-export-neo4j",
                description = "graph directory and Neo4j data go here (replaced)")
        Path workDir;
        @Option(names = "--page-cache-mb", paramLabel = "MB", defaultValue = "" + EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB,
                description = "embedded Neo4j page cache")
        int pageCacheMb;
        @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON result there")
        Path out;
    }

    private ExportBench() {}

    public static void main(String[] args) {
        System.exit(Cli.run("bench-export-neo4j", new Options(), args, ExportBench::bench));
    }

    private static int bench(Options o) throws IOException {
        SyntheticGraph graph;
        SyntheticGraph warmup;
        int batchSize = o.batchSize;
        int threads = o.threads;
        int pageCacheMb = o.pageCacheMb;
        int linksPerUser = o.linksPerUser;
        try {
            graph = new SyntheticGraph(o.users, o.posts, o.businesses, o.edges, 50, 40, o.seed);
            Cli.require(linksPerUser >= 0, "--links-per-user must be >= 0, got %d", linksPerUser);
            warmup = o.warmupEdges <= 0 ? null : new SyntheticGraph(Math.max(1, graph.users() / 5),
                    Math.max(1, graph.posts() / 5), Math.max(1, graph.businesses() / 5), o.warmupEdges, 50, 40,
                    graph.seed() + 1);
            new ExportConfig(null, Path.of("links"), "v", batchSize, threads, 0.0); // its --batch-size, --threads rules, now
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path work = o.workDir;
        Path graphDir = work.resolve("graph");
        Path dataDir = work.resolve("neo4j");
        AtomicOutput.deleteRecursively(dataDir);
        Files.createDirectories(work);

        long t0 = System.nanoTime();
        graph.write(graphDir);
        Path linksFile = linksPerUser == 0 ? null : work.resolve("predicted-links.tsv.gz");
        if (linksFile != null) {
            graph.writeLinks(linksFile, linksPerUser);
        }
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "bench-export-neo4j: wrote %,d nodes, %,d interactions + %,d listings in %.1f s to %s%n",
                graph.nodes(), graph.edges(), graph.posts(), generateSeconds, graphDir);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "export-neo4j");
        result.put("startedAt", Instant.now().toString());
        result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageAtStart", loadAverage(), "java", System.getProperty("java.version"),
                "maxHeapMb", Runtime.getRuntime().maxMemory() >> 20));
        result.put("graph", Map.of("users", graph.users(), "posts", graph.posts(), "businesses", graph.businesses(),
                "nodes", graph.nodes(), "edges", graph.edges(), "listings", graph.posts(), "linksPerUser", linksPerUser,
                "seed", graph.seed(), "generateSeconds", generateSeconds));
        result.put("batchSize", batchSize);
        result.put("threads", threads);

        long s0 = System.nanoTime();
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(new EmbeddedNeo4j.Settings(dataDir, 0, pageCacheMb))) {
            result.put("serverStartSeconds", (System.nanoTime() - s0) / 1e9);
            Neo4jConnection connection = Neo4jConnection.noAuth(server.boltUri(), Neo4jConnection.BATCH_RETRY);
            try (Driver driver = connection.openDriver()) {
                if (warmup != null) {
                    result.put("warmup", warmUp(driver, connection.describe(), warmup, work.resolve("warmup-graph"),
                            linksPerUser, batchSize, threads));
                }
                ExportConfig config = new ExportConfig(graphDir, linksFile, linksFile == null ? null : "bench-v1",
                        batchSize, threads, 0.0);
                List<Long> counts = null;
                for (String run : List.of("firstRun", "secondRun")) {
                    ExportResult r = new ExportJob(driver, connection.describe(),
                            new LoggingProgressTracker("bench-export-neo4j " + run, System.err::println)).run(config);
                    List<Long> now = counts(driver);
                    result.put(run, runReport(r, now));
                    result.put("countsEqual", counts == null || counts.equals(now));
                    counts = now;
                }
            }
        }
        result.put("loadAverageAtEnd", loadAverage());
        String json = Json.MAPPER.writeValueAsString(result);
        System.out.println(json);
        if (o.out != null) {
            Json.write(o.out, result);
        }
        return 0;
    }

    /**
     * Exports {@code graph} (and its predicted links), then deletes every node and relationship: the
     * database is empty again, its schema stays.
     */
    private static Map<String, Object> warmUp(Driver driver, String neo4j, SyntheticGraph graph, Path dir,
                                              int linksPerUser, int batchSize, int threads) {
        graph.write(dir);
        Path links = linksPerUser == 0 ? null : dir.resolveSibling("warmup-links.tsv.gz");
        if (links != null) {
            graph.writeLinks(links, linksPerUser);
        }
        ExportResult r = new ExportJob(driver, neo4j, new LoggingProgressTracker("bench-export-neo4j warmup", System.err::println))
                .run(new ExportConfig(dir, links, links == null ? null : "warmup-v0", batchSize, threads, 0.0));
        long t0 = System.nanoTime();
        try (Session session = driver.session()) {
            session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
        List<Long> left = counts(driver);
        if (left.get(0) != 0 || left.get(1) != 0) {
            throw new IllegalStateException("warm-up: the database is not empty after the delete: " + left);
        }
        return Map.of("nodes", r.nodeCount(), "relationships", r.relationships(), "predictedLinks", r.predictedLinks(),
                "exportSeconds", r.seconds(),
                "deleteSeconds", (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, Object> runReport(ExportResult r, List<Long> counts) {
        double relationshipSeconds = r.stageSeconds().getOrDefault("edges.tsv", 0.0)
                + r.stageSeconds().getOrDefault("interactions", 0.0) + r.stageSeconds().getOrDefault("listed", 0.0);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seconds", r.seconds());
        run.put("stageSeconds", r.stageSeconds());
        run.put("nodes", r.nodeCount());
        run.put("relationships", r.relationships());
        run.put("relationshipsPerSecond", r.relationshipsPerSecond());
        run.put("relationshipStagesSeconds", relationshipSeconds);
        run.put("relationshipStagesRelationshipsPerSecond", (r.interactions() + r.listed()) / relationshipSeconds);
        double graphSeconds = relationshipSeconds + r.stageSeconds().getOrDefault("schema", 0.0)
                + r.stageSeconds().getOrDefault("nodes", 0.0);
        run.put("graphSeconds", graphSeconds);
        run.put("graphRelationshipsPerSecond", (r.interactions() + r.listed()) / graphSeconds);
        double linkSeconds = r.stageSeconds().getOrDefault("predicted links", 0.0);
        if (r.predictedLinks() > 0) {
            run.put("predictedLinksStageSeconds", linkSeconds);
            run.put("predictedLinksPerSecond", r.predictedLinks() / linkSeconds);
        }
        run.put("predictedLinks", r.predictedLinks());
        run.put("interactions", r.interactions());
        run.put("listed", r.listed());
        run.put("firstLoad", r.firstLoad());
        run.put("retriedBatches", r.retriedBatches());
        run.put("neo4jNodeCount", counts.get(0));
        run.put("neo4jRelationshipCount", counts.get(1));
        return run;
    }

    private static List<Long> counts(Driver driver) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> List.of(
                    tx.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong(),
                    tx.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c").asLong()));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
