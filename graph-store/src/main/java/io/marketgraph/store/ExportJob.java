package io.marketgraph.store;

import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * {@code export-neo4j}: applies the schema, then exports the graph directory and/or one model
 * version's predicted links (graph first: links MATCH the nodes it writes). Idempotent as a whole.
 *
 * <p>Into a database without any User, Post or Business node (a first load) the schema is applied
 * right after the node stage instead of before it: the nodes are written without index updates and
 * the indexes are then built from them in one pass, as a bulk loader does (cold server, 100k nodes:
 * 9.3-9.5 s with the index build against 11.2-13.0 s with the indexes in place). Nothing before that
 * point needs them: the exporter has already rejected duplicate ids, and CREATE looks nothing up. A
 * run that fails during the node stage leaves nodes without the schema; the next run finds them,
 * applies the schema first (the constraints are checked against what is there) and MERGEs.
 */
public final class ExportJob {

    private final Driver driver;
    private final String neo4j;
    private final ProgressTracker progress;

    /** {@code neo4j}: how to name the target in the report (a URI, never a password). */
    public ExportJob(Driver driver, String neo4j, ProgressTracker progress) {
        this.driver = driver;
        this.neo4j = neo4j;
        this.progress = progress;
    }

    public ExportResult run(ExportConfig config) {
        long start = System.nanoTime();
        boolean schemaAfterNodes = config.graph() != null && GraphExporter.noGraphNodes(driver);
        if (!schemaAfterNodes) {
            applySchema();
        }
        Map<NodeKind, Long> nodes = new EnumMap<>(NodeKind.class);
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long interactions = 0;
        long listed = 0;
        String source = null;
        Map<String, Boolean> firstLoad = new LinkedHashMap<>();
        long retried = 0;
        long read = 0;
        WrittenNodes written = WrittenNodes.none();
        if (config.graph() != null) {
            GraphExporter.Result graph = new GraphExporter(driver, config.batchSize(), config.threads(), progress)
                    .export(config.graph(), schemaAfterNodes ? this::applySchema : () -> { });
            nodes.putAll(graph.nodes());
            interactions = graph.interactions();
            listed = graph.listed();
            source = graph.typed() ? ExportResult.TYPED : ExportResult.UNTYPED;
            firstLoad.putAll(graph.firstLoad());
            retried += graph.retriedBatches();
            written = graph.written();
            graph.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
            read += graph.nodeCount() + graph.interactions() + graph.listed()
                    + graph.rejected().values().stream().mapToLong(Long::longValue).sum();
        }
        long links = 0;
        long deleted = 0;
        if (config.predictedLinks() != null) {
            PredictedLinksExporter.Result result = new PredictedLinksExporter(driver, config.batchSize(), config.threads(), progress)
                    .export(config.predictedLinks(), config.modelVersion(), written);
            links = result.written();
            deleted = result.deletedOtherVersions();
            firstLoad.put(PredictedLinksExporter.PREDICTED_INTEREST, result.created());
            result.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
            read += result.read();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ExportResult(neo4j, nodes, interactions, listed, source, config.modelVersion(), links, deleted, read,
                rejected, firstLoad, retried, progress.stageSeconds(), seconds);
    }

    private void applySchema() {
        try (ProgressTracker.Stage stage = progress.stage("schema", 0)) {
            Neo4jSchema.apply(driver);
        }
    }

    /** Whether the rejected share exceeds what {@code config} allows (the CLI then exits 3). */
    public static boolean rejectedBeyondThreshold(ExportResult result, ExportConfig config) {
        return result.recordsRead() > 0
                && (double) result.rejectedCount() / result.recordsRead() > config.maxRejectedFraction();
    }
}
