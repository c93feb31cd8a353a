package io.marketgraph.store.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.store.ExportConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph export-neo4j}; {@link #config()} validates them into an {@link ExportConfig}. */
@Command(name = "export-neo4j", sortOptions = false,
        description = {"A graph directory and/or predicted links into Neo4j. Give --graph, --predicted-links or both.",
                "Idempotent: running it again changes nothing."},
        footer = {"Neo4j from the environment: NEO4J_URI (default bolt://127.0.0.1:7687, the server of",
                "`bin/marketgraph neo4j`), NEO4J_USER and NEO4J_PASSWORD (unset: no authentication).",
                "Exit: 0 ok, 2 bad usage (a missing input included), 3 input rejected (beyond --max-rejected, or",
                "malformed), 1 failure (e.g. Neo4j unreachable)."})
public final class ExportNeo4jOptions implements Cli.Checked {

    // ---- inputs
    @Option(names = "--graph", paramLabel = "DIR", description = "graph directory from build-graph (nodes.tsv/, edges.tsv/, _SUCCESS)")
    Path graph;

    @Option(names = "--predicted-links", paramLabel = "FILE", description = "predicted links (TSV: source_kind source_id"
            + " target_kind target_id score, gzip if .gz, or a directory of parts)")
    Path predictedLinks;

    @Option(names = "--model-version", paramLabel = "V",
            description = "model version of the predicted links: replaces every other version")
    String modelVersion;

    // ---- writing
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ExportConfig.DEFAULT_BATCH_SIZE,
            description = "rows per transaction")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ExportConfig.DEFAULT_THREADS,
            description = "concurrent writer sessions (partitioned by node, so they rarely collide)")
    int threads;

    @Option(names = "--max-rejected", paramLabel = "F", defaultValue = "" + ExportConfig.DEFAULT_MAX_REJECTED_FRACTION,
            description = "fraction of input records that may be rejected before exit 3")
    double maxRejected;

    // ---- report
    @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON report there")
    Path out;

    @Override
    public void check() {
        config();
        Cli.existing(graph, "--graph");
        Cli.existing(predictedLinks, "--predicted-links");
    }

    /** @throws UsageException naming the flag and the value */
    public ExportConfig config() {
        try {
            return new ExportConfig(graph, predictedLinks, modelVersion, batchSize, threads, maxRejected);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
