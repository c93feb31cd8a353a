package io.marketgraph.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link ExportJob} writes into Neo4j.
 *
 * @param graph          a graph directory (build-graph's output), or {@code null} to export predicted links only
 * @param predictedLinks a {@code PredictedLinksFormat} file or directory, or {@code null}
 * @param modelVersion   the model version the predicted links belong to (required with them)
 * @param batchSize      rows per transaction. Larger batches mean fewer round trips and commits
 *                       (faster) but more server memory per transaction and more work redone when a
 *                       transient error makes the driver retry a batch. Default 5,000: on this 2-core
 *                       machine (bench-export-neo4j, cold server, graph plus 600k predicted links, two
 *                       pairs run side by side at 23:06-23:42 on 2026-11-26) 5,000 gave 18.0k and 18.1k
 *                       rels/s on the first load against 16.8k and 17.2k with 1,000, and 47.3k and 43.8k
 *                       against 42.6k and 42.2k on the re-export
 * @param threads        concurrent writer sessions; rows are partitioned by the node they share (a
 *                       node's id, a relationship's source, a link's user) so threads rarely wait on
 *                       each other's locks (a deadlock is retried with MERGE). More threads use more
 *                       server cores (one transaction runs on one). Default 2: on this 2-core machine,
 *                       cold server, graph plus 600k predicted links (bench-export-neo4j, 21:18-21:27),
 *                       2 threads gave 16.7k rels/s on the first load against 15.9k for 1, and 39.9k
 *                       against 26.2k on the idempotent re-export; the first load's interactions did
 *                       not speed up (26.0 s against 28.7 s)
 * @param maxRejectedFraction the share of input records that may be rejected (counted and reported)
 *                       before the run counts as failed input (exit 3); 0 means none may be
 */
public record ExportConfig(Path graph, Path predictedLinks, String modelVersion, int batchSize, int threads,
                           double maxRejectedFraction) {

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final int DEFAULT_THREADS = 2;
    public static final double DEFAULT_MAX_REJECTED_FRACTION = 0.0;

    public ExportConfig {
        if (graph == null && predictedLinks == null) {
            throw new IllegalArgumentException("nothing to export: give --graph DIR, --predicted-links FILE or both");
        }
        if (predictedLinks != null && (modelVersion == null || modelVersion.isBlank())) {
            throw new IllegalArgumentException("--predicted-links " + predictedLinks
                    + " needs --model-version (the version these links belong to)");
        }
        if (predictedLinks == null && modelVersion != null) {
            throw new IllegalArgumentException("--model-version " + modelVersion + " given without --predicted-links");
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--batch-size must be in 1..1000000, got %d", batchSize));
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--threads must be in 1..64, got %d", threads));
        }
        if (!(maxRejectedFraction >= 0 && maxRejectedFraction <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--max-rejected must be a fraction in 0..1, got %s", maxRejectedFraction));
        }
    }
}
