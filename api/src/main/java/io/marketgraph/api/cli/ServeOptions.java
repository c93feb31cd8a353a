package io.marketgraph.api.cli;

import io.marketgraph.api.http.ApiApp;
import io.marketgraph.api.http.ApiServices;
import io.marketgraph.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph serve}. */
@Command(name = "serve", sortOptions = false,
        description = "The HTTP API over the registry's CURRENT model version.",
        footer = {"Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD: the Neo4j behind audiences with source 'graph'.",
                "Exit: 0 stopped, 2 bad usage (a missing --registry or --keys included), 3 the CURRENT model is unreadable,",
                "1 failure."})
public final class ServeOptions implements Cli.Checked {

    // ---- what to serve
    @Option(names = "--registry", paramLabel = "DIR", required = true,
            description = "model registry (a directory that exists); serves its CURRENT version (503 until one is activated)")
    Path registry;

    @Option(names = "--keys", paramLabel = "FILE", defaultValue = "config/api-keys.dev.json",
            description = "API keys with scopes (the default holds development keys only)")
    Path keys;

    // ---- where
    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "HTTP port (0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "bind address")
    String host;

    // ---- limits and tuning
    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ApiApp.DEFAULT_MAX_BODY_BYTES,
            description = "request body limit")
    long maxBodyBytes;

    @Option(names = "--nprobe", paramLabel = "N", defaultValue = "" + ApiServices.DEFAULT_NPROBE,
            description = "ANN cells scanned per query")
    int nprobe;

    @Override
    public void check() {
        Cli.existing(registry, "--registry");
        Cli.require(Files.isDirectory(registry), "--registry %s is not a directory", registry);
        Cli.existing(keys, "--keys");
        Cli.require(port >= 0 && port <= 65_535, "--port must be in 0..65535, got %d", port);
        Cli.require(maxBodyBytes > 0, "--max-body-bytes must be > 0, got %d", maxBodyBytes);
        Cli.require(nprobe > 0, "--nprobe must be > 0, got %d", nprobe);
    }
}
