package io.marketgraph.api.cli;

import io.javalin.Javalin;
import io.marketgraph.api.http.ApiApp;
import io.marketgraph.api.http.ApiKeys;
import io.marketgraph.api.http.ApiServices;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.cli.CliFlags;
import io.marketgraph.cli.CliFlags.UsageException;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.registry.ModelRegistry;
import io.marketgraph.store.AudienceQueries;
import io.marketgraph.store.Neo4jConnection;
import java.util.Optional;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code bin/marketgraph serve}: the HTTP API over the registry's CURRENT model version. */
public final class ServeMain {

    static final String USAGE = """
            usage: bin/marketgraph serve --registry DIR [flags]

              --registry DIR        model registry; serves its CURRENT version (503 until one is activated)
              --port N              HTTP port (default: 7070; 0 picks a free one)
              --host H              bind address (default: 127.0.0.1)
              --keys FILE           API keys with scopes (default: config/api-keys.dev.json, development only)
              --max-body-bytes N    request body limit (default: 1048576)
              --nprobe N            ANN cells scanned per query (default: 24)

            environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD: the Neo4j behind audiences with source 'graph'
            """;

    private ServeMain() {}

    public static void main(String[] args) throws InterruptedException {
        CliFlags flags;
        try {
            flags = CliFlags.parse(args, Set.of("--registry", "--port", "--host", "--keys", "--max-body-bytes", "--nprobe"), Set.of());
            if (flags.help()) {
                System.out.print(USAGE);
                return;
            }
            flags.required("--registry");
        } catch (UsageException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        ModelManager models = new ModelManager(new ModelRegistry(Path.of(flags.required("--registry"))));
        try {
            models.loadCurrent().ifPresentOrElse(v -> System.out.println("serve: model " + v + " loaded"),
                    () -> System.out.println("serve: the registry has no CURRENT version yet: /health/ready answers 503"));
        } catch (InvalidInputException e) {
            System.err.println("serve: cannot load the CURRENT model: " + e.getMessage());
            System.exit(3);
            return;
        }
        ApiKeys keys = ApiKeys.read(Path.of(flags.string("--keys", "config/api-keys.dev.json")));
        Optional<AudienceQueries> graph = Optional.empty();
        if (System.getenv("NEO4J_URI") != null) {
            Neo4jConnection neo4j = Neo4jConnection.fromEnv(System.getenv(), Neo4jConnection.REQUEST_RETRY);
            graph = Optional.of(new AudienceQueries(neo4j.openDriver(), neo4j.describe()));
            System.out.println("serve: audiences with source 'graph' query " + neo4j.describe());
        } else {
            System.out.println("serve: NEO4J_URI is not set: audiences with source 'graph' answer 503");
        }
        ApiServices services = ApiServices.create(models, flags.intValue("--nprobe", ApiServices.DEFAULT_NPROBE), graph);
        Javalin app = ApiApp.create(services, keys, flags.longValue("--max-body-bytes", ApiApp.DEFAULT_MAX_BODY_BYTES));
        app.start(flags.string("--host", "127.0.0.1"), flags.intValue("--port", 7070));
        System.out.println("serve: listening on http://" + flags.string("--host", "127.0.0.1") + ":" + app.port()
                + "  (docs: /docs, OpenAPI: /openapi.json, metrics: /metrics)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            models.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
    }
}
