package io.marketgraph.store.bench;

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

/**
 * {@code bin/marketgraph bench-export-neo4j}: export throughput into the embedded Neo4j. Writes a
 * synthetic graph directory and a model version's predicted links, starts a fresh embedded server
 * (Bolt on a free port), exports both twice (the second run is the idempotent no-op re-run) and
 * checks with Cypher that both runs leave the same node and relationship counts. Prints and writes (with {@code --out}) JSON.
 * Lives in graph-store, not in benchmarks/, because a Neo4j 5.26 server cannot run on the
 * benchmarks module's Spark/Netty 4.2 classpath (VERSIONS.md section 3).
 */
public final class ExportBench {

    static final String USAGE = String.join("\n",
            "usage: bin/marketgraph bench-export-neo4j [flags]",
            "",
            "  --users N          users; default: 60000",
            "  --posts N          posts; default: 35000",
            "  --businesses N     businesses; default: 5000",
            "  --edges N          distinct user->post/business interactions (plus one LISTED edge a post); default: 500000",
            "  --links-per-user N predicted links a user (PREDICTED_INTEREST, 80 % to posts), exported after the graph",
            "                     in each run as one model version; 0: none; default: 10",
            "  --batch-size N     rows per transaction; default: " + ExportConfig.DEFAULT_BATCH_SIZE,
            "  --threads N        concurrent writer sessions; default: " + ExportConfig.DEFAULT_THREADS,
            "  --seed N           generator seed; default: 42",
            "  --warmup-edges N   before the measured runs, export a separate graph (a fifth of the nodes, N",
            "                     interactions, seed+1, with its predicted links as another model version) and",
            "                     delete everything again, so that the first measured",
            "                     run is a first export into an empty database on a warmed-up server JVM;",
            "                     default: 0 (none: the first run includes the fresh server's JIT warm-up)",
            "  --work-dir DIR     graph directory and Neo4j data go here (replaced); default: target/bench-export-neo4j",
            "  --page-cache-mb MB embedded Neo4j page cache; default: " + EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB,
            "  --out FILE         also write the JSON result there; default: none",
            "  --help             this text");

    private ExportBench() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = BenchFlags.parse("bench-export-neo4j", USAGE, args);
        if (flags == null) {
            return;
        }
        SyntheticGraph graph;
        int batchSize;
        int threads;
        int pageCacheMb;
        int warmupEdges;
        int linksPerUser;
        SyntheticGraph warmup;
        try {
            graph = new SyntheticGraph(intFlag(flags, "--users", 60_000), intFlag(flags, "--posts", 35_000),
                    intFlag(flags, "--businesses", 5_000), intFlag(flags, "--edges", 500_000), 50, 40,
                    Long.parseLong(flags.getOrDefault("--seed", "42")));
            batchSize = intFlag(flags, "--batch-size", ExportConfig.DEFAULT_BATCH_SIZE);
            threads = intFlag(flags, "--threads", ExportConfig.DEFAULT_THREADS);
            pageCacheMb = intFlag(flags, "--page-cache-mb", EmbeddedNeo4j.Settings.DEFAULT_PAGE_CACHE_MB);
            warmupEdges = intFlag(flags, "--warmup-edges", 0);
            linksPerUser = intFlag(flags, "--links-per-user", 10);
            if (linksPerUser < 0) {
                throw new IllegalArgumentException("--links-per-user must be >= 0, got " + linksPerUser);
            }
            warmup = warmupEdges <= 0 ? null : new SyntheticGraph(Math.max(1, graph.users() / 5), Math.max(1, graph.posts() / 5),
                    Math.max(1, graph.businesses() / 5), warmupEdges, 50, 40, graph.seed() + 1);
        } catch (IllegalArgumentException e) {
            BenchFlags.usageError("bench-export-neo4j", USAGE, e.getMessage());
            return;
        }
        Path work = Path.of(flags.getOrDefault("--work-dir", "target/bench-export-neo4j"));
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
        if (flags.containsKey("--out")) {
            Json.write(Path.of(flags.get("--out")), result);
        }
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

    private static int intFlag(Map<String, String> flags, String name, int defaultValue) {
        String value = flags.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
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
