package io.marketgraph.api.http;

import io.javalin.Javalin;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import io.marketgraph.store.AudienceQueries;
import io.marketgraph.store.Neo4jConnection;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * A real server on a free port over a registry with two versions trained by train-links on the
 * planted market (v0001 good embeddings, v0002 the same with another seed), and keys per scope.
 * Training both takes most of a minute on a busy machine, so the test classes share one
 * ({@link #shared()}): each leaves v0001 serving when it is done.
 */
final class ApiFixture implements AutoCloseable {

    private static ApiFixture shared;

    /** The fixture of this test JVM, built on first use, stopped when the JVM exits. */
    static synchronized ApiFixture shared() throws IOException {
        if (shared == null) {
            Path tmp = java.nio.file.Files.createTempDirectory("api-fixture");
            shared = new ApiFixture(tmp);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                deleteTree(tmp);
            }, "api-fixture-stop"));
        }
        return shared;
    }

    final Path registryDir;
    final ModelManager models;
    final Javalin app;
    final AudienceQueries neo4jDown;
    final HttpClient http = HttpClient.newHttpClient();

    ApiFixture(Path tmp) throws IOException {
        this(tmp, 2);
    }

    /** With {@code versions} versions (1: v0001 only, for tests that never swap). */
    ApiFixture(Path tmp, int versions) throws IOException {
        Path graph = tmp.resolve("graph");
        PlantedMarket.writeGraph(graph);
        registryDir = tmp.resolve("registry");
        for (int seed = 1; seed <= versions; seed++) {
            Path embeddings = tmp.resolve("emb" + seed);
            PlantedMarket.writeEmbeddings(graph, embeddings, true, seed);
            new TrainLinksJob(new TrainLinksConfig(graph, embeddings, registryDir, List.of(LinkTask.USER_POST),
                    NegativeStrategy.UNIFORM, 1, LinkModelKind.LOGISTIC,
                    new LinkModelConfig(LinkModelKind.LOGISTIC, 8, 20, 32, 0.05f, 7), 5, 20, 1000,
                    PromotionGate.DEFAULT, true, 5, null, 3), ProgressTracker.NOOP).run();
        }
        new ModelRegistry(registryDir).activate("v0001");
        models = new ModelManager(new ModelRegistry(registryDir));
        models.loadCurrent();
        // a Neo4j that is down: audiences with source 'graph' must answer 503, everything else must not care
        Neo4jConnection down = Neo4jConnection.noAuth(URI.create("bolt://127.0.0.1:9"), Duration.ofMillis(300));
        neo4jDown = new AudienceQueries(down.openDriver(), down.describe());
        app = ApiApp.create(ApiServices.create(models, 8, Optional.of(neo4jDown)), KEYS, 64 * 1024).start("127.0.0.1", 0);
    }

    /** A second server on the registry of {@code crashed}, as a restarted process opens it (its CURRENT, its ingest log). */
    ApiFixture(ApiFixture crashed) {
        registryDir = crashed.registryDir;
        models = new ModelManager(new ModelRegistry(registryDir));
        models.loadCurrent();
        neo4jDown = crashed.neo4jDown;
        app = ApiApp.create(ApiServices.create(models, 8, Optional.of(neo4jDown)), KEYS, 64 * 1024).start("127.0.0.1", 0);
    }

    private static final ApiKeys KEYS = new ApiKeys(Map.of(
            ApiKeys.sha256("recs"), new ApiKeys.Client("recs", EnumSet.of(Scope.RECS)),
            ApiKeys.sha256("search"), new ApiKeys.Client("search", EnumSet.of(Scope.SEARCH)),
            ApiKeys.sha256("ads"), new ApiKeys.Client("ads", EnumSet.of(Scope.ADS)),
            ApiKeys.sha256("ingest"), new ApiKeys.Client("ingest", EnumSet.of(Scope.INGEST)),
            ApiKeys.sha256("admin"), new ApiKeys.Client("admin", EnumSet.allOf(Scope.class))));

    /**
     * Stops the server as a crash would leave the registry: no graceful close of the model manager, so
     * the ingest log's segments are never closed or flushed by it (what was acknowledged was synced).
     */
    void crash() {
        app.stop();
    }

    HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), key);
    }

    HttpResponse<String> post(String path, String key, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    /**
     * The raw answer to a request of {@code head} (request line and headers) sent without its body, read until
     * the server closes the connection or 10 s pass: for refusals made on the headers alone (413), which a
     * client still writing the body may never read (the server closes the connection under it).
     */
    String headersOnly(String head) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // kept open: what came is the answer
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    HttpResponse<String> patch(String path, String key, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("ApiFixture: could not delete " + root + ": " + e);
        }
    }

    @Override
    public void close() {
        app.stop();
        models.close();
    }
}
