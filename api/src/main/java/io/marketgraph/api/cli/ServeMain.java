package io.marketgraph.api.cli;

import io.javalin.Javalin;
import io.marketgraph.api.http.ApiApp;
import io.marketgraph.api.http.ApiKeys;
import io.marketgraph.api.http.ApiServices;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.cli.Cli;
import io.marketgraph.registry.ModelRegistry;
import io.marketgraph.store.AudienceQueries;
import io.marketgraph.store.Neo4jConnection;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code bin/marketgraph serve}: the HTTP API over the registry's CURRENT model version; flags in {@link ServeOptions}. */
public final class ServeMain {

    private ServeMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Validates the flags (exit 2 before any model is loaded), then serves until SIGTERM / Ctrl-C. */
    static int run(String[] args) {
        return Cli.run("serve", new ServeOptions(), args, ServeMain::serve);
    }

    private static int serve(ServeOptions o) throws InterruptedException {
        ApiKeys keys = ApiKeys.read(o.keys);
        ModelManager models = new ModelManager(new ModelRegistry(o.registry), o.nprobe);
        models.loadCurrent().ifPresentOrElse(v -> System.out.println("serve: model " + v + " loaded"),
                () -> System.out.println("serve: the registry has no CURRENT version yet: /health/ready answers 503"));
        Optional<AudienceQueries> graph = Optional.empty();
        if (System.getenv("NEO4J_URI") != null) {
            Neo4jConnection neo4j = Neo4jConnection.fromEnv(System.getenv(), Neo4jConnection.REQUEST_RETRY);
            graph = Optional.of(new AudienceQueries(neo4j.openDriver(), neo4j.describe()));
            System.out.println("serve: audiences with source 'graph' query " + neo4j.describe());
        } else {
            System.out.println("serve: NEO4J_URI is not set: audiences with source 'graph' answer 503");
        }
        ApiServices services = ApiServices.create(models, o.nprobe, graph);
        Javalin app = ApiApp.create(services, keys, o.maxBodyBytes);
        app.start(o.host, o.port);
        System.out.println("serve: listening on http://" + o.host + ":" + app.port()
                + "  (docs: /docs, OpenAPI: /openapi.json, metrics: /metrics)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            models.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return 0;
    }
}
