package io.marketgraph.build.generate;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph generate}; {@link #config()} validates them into a {@link GenerateConfig}. */
@Command(name = "generate", sortOptions = false,
        description = "A synthetic marketplace with planted structure: events, entities, search logs, ground truth.",
        footer = "Exit: 0 ok, 2 bad usage, 1 failure.")
public final class GenerateOptions {

    // ---- output
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, replaced atomically")
    Path out;

    @Option(names = "--gzip", description = "write events and search parts as .jsonl.gz")
    boolean gzip;

    @Option(names = "--users-per-part", paramLabel = "N", defaultValue = "25000",
            description = "users per events/search part file")
    int usersPerPart;

    // ---- size
    @Option(names = "--users", paramLabel = "N", defaultValue = "20000", description = "users")
    int users;

    @Option(names = "--posts", paramLabel = "N", defaultValue = "50000", description = "posts / listings")
    int posts;

    @Option(names = "--businesses", paramLabel = "N", description = "businesses (default: users/50, at least 1)")
    Integer businesses;

    @Option(names = "--events", paramLabel = "N", description = "target number of events (default: 20 per user)")
    Long events;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "simulated days ending at --now")
    int days;

    @Option(names = "--now", paramLabel = "EPOCH_MS", defaultValue = "" + GenerateConfig.DEFAULT_NOW,
            description = "end of the simulated window (1767225600000 = 2026-01-01Z)")
    long now;

    // ---- shape
    @Option(names = "--regions-grid", paramLabel = "G", defaultValue = "8", description = "regions on a G x G grid")
    int gridSide;

    @Option(names = "--categories", paramLabel = "N", defaultValue = "24", description = "listing categories")
    int categories;

    @Option(names = "--search-rate", paramLabel = "F", defaultValue = "0.15",
            description = "share of sessions that are searches, 0..1")
    double searchRate;

    @Option(names = "--seller-share", paramLabel = "F", defaultValue = "0.1", description = "share of users that sell, (0,1]")
    double sellerShare;

    // ---- reproducibility
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads; output does not depend on it (default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    /** @throws io.marketgraph.cli.UsageException naming the flag and the value */
    GenerateConfig config() {
        return new GenerateConfig(out, users, posts, businesses != null ? businesses : Math.max(1, users / 50), days, seed,
                gridSide, categories, events != null ? events : 20L * users, searchRate, sellerShare, now, threads,
                usersPerPart, gzip);
    }
}
