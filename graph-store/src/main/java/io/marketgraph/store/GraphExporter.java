package io.marketgraph.store;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * Writes a graph directory into Neo4j: one node per row of {@code nodes.tsv} ({@code :User},
 * {@code :Post}, {@code :Business} with {@code id, region, category, degree, pagerank, component};
 * -1 regions and categories are left unset), then the relationships ({@link RelationshipExporter}:
 * typed INTERACTED and LISTED from {@code interactions.tsv} + {@code edges.tsv}, or untyped
 * INTERACTED from {@code edges.tsv} alone).
 *
 * <p>Idempotent: a label or relationship type that already has data is written with MERGE on the
 * unique id (nodes) or between the two matched nodes (relationships), every property SET from the
 * input; one that is empty when its stage starts (a first load) with CREATE ({@link ExportCypher}).
 * Either way a second run over the same directory leaves the same nodes, relationships and
 * properties. Memory: the node table with an index by kind and id (kept for the link stage), the
 * edge weights and one batch per statement.
 */
public final class GraphExporter {

    /** The relationship type of user -> post/business interactions. */
    public static final String INTERACTED = RelationshipExporter.INTERACTED;
    /** The relationship type of seller (user or business) -> post listings. */
    public static final String LISTED = RelationshipExporter.LISTED;

    private static final Map<NodeKind, String> LABELS = new EnumMap<>(Map.of(
            NodeKind.USER, "User", NodeKind.POST, "Post", NodeKind.BUSINESS, "Business"));

    private final Driver driver;
    private final int batchSize;
    private final int threads;
    private final ProgressTracker progress;

    public GraphExporter(Driver driver, int batchSize, int threads, ProgressTracker progress) {
        this.driver = driver;
        this.batchSize = batchSize;
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * Counts of one graph export.
     *
     * @param typed     whether relationships came from interactions.tsv (else edges.tsv alone)
     * @param firstLoad per label and relationship type: true where it was empty and written with CREATE
     * @param written   the Neo4j ids of the nodes written, for the predicted-links stage
     */
    public record Result(Map<NodeKind, Long> nodes, long interactions, long listed, Map<RejectReason, Long> rejected,
                         boolean typed, Map<String, Boolean> firstLoad, long retriedBatches, WrittenNodes written) {
        public Result {
            nodes = Map.copyOf(nodes);
            rejected = Map.copyOf(rejected);
            firstLoad = Collections.unmodifiableMap(new LinkedHashMap<>(firstLoad));
        }

        public long nodeCount() {
            return nodes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Result export(Path graphDir) {
        return export(graphDir, () -> { });
    }

    /** Whether the database has no User, Post or Business node (three count-store lookups). */
    static boolean noGraphNodes(Driver driver) {
        return LABELS.values().stream().allMatch(label -> ExportCypher.noNodes(driver, label));
    }

    /** As {@link #export(Path)}, running {@code afterNodes} between the node and the relationship stages. */
    public Result export(Path graphDir, Runnable afterNodes) {
        if (!GraphDirectory.isGraphDirectory(graphDir)) {
            throw new InvalidInputException("--graph " + graphDir + " is not a graph directory (no "
                    + GraphDirectory.NODES_TSV + "/ in it): export-neo4j needs build-graph's output");
        }
        if (!AtomicOutput.isComplete(graphDir)) {
            throw new InvalidInputException("graph directory " + graphDir + " has no " + AtomicOutput.SUCCESS
                    + ": it is incomplete (a failed or running build-graph)");
        }
        Path nodesTsv = graphDir.resolve(GraphDirectory.NODES_TSV);
        NodeTable table = NodeTable.read(nodesTsv);   // validates node numbers 0..n-1 and kinds
        Map<NodeKind, Map<String, Integer>> nodeById = indexUniqueIds(table, nodesTsv);
        Map<String, Boolean> firstLoad = new LinkedHashMap<>();
        long[] neo4jIds = new long[table.size()];
        Map<NodeKind, Long> nodes = exportNodes(nodesTsv, neo4jIds, firstLoad);
        afterNodes.run();
        RelationshipExporter.Result rels = new RelationshipExporter(driver, batchSize, threads, progress)
                .export(graphDir, table, neo4jIds);
        firstLoad.putAll(rels.firstLoad());
        return new Result(nodes, rels.interactions(), rels.listed(), rels.rejected(), rels.typed(), firstLoad,
                rels.retriedBatches(), new WrittenNodes(nodeById, neo4jIds));
    }

    /**
     * The dense node of each kind and id. Two rows with one kind and id would be one node under MERGE
     * and a constraint error under CREATE: rejected here.
     */
    private static Map<NodeKind, Map<String, Integer>> indexUniqueIds(NodeTable table, Path nodesTsv) {
        Map<NodeKind, Map<String, Integer>> index = WrittenNodes.emptyIndex(table.size());
        for (int node = 0; node < table.size(); node++) {
            Integer before = index.get(table.kind(node)).putIfAbsent(table.id(node), node);
            if (before != null) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: column 'id': %s id '%s' is listed twice (nodes %d and %d); ids must be unique per kind",
                        nodesTsv, table.kind(node), table.id(node), before, node));
            }
        }
        return index;
    }

    /** Writes the nodes and fills {@code neo4jIds} (dense node -> Neo4j node id). */
    private Map<NodeKind, Long> exportNodes(Path nodesTsv, long[] neo4jIds, Map<String, Boolean> firstLoad) {
        int count = neo4jIds.length;
        Arrays.fill(neo4jIds, -1);
        Map<NodeKind, Long> written = new EnumMap<>(NodeKind.class);
        Map<NodeKind, ExportCypher.Statement> statements = new EnumMap<>(NodeKind.class);
        Map<NodeKind, Boolean> fresh = new EnumMap<>(NodeKind.class);
        LABELS.forEach((kind, label) -> {
            statements.put(kind, ExportCypher.node(label));
            fresh.put(kind, ExportCypher.noNodes(driver, label));
            firstLoad.put(label, fresh.get(kind));
        });
        try (ProgressTracker.Stage stage = progress.stage("nodes", count)) {
            PartitionedWriter writer = new PartitionedWriter(driver, threads, batchSize, stage, Map.of())
                    .withIds((node, id) -> neo4jIds[node] = id);
            try {
                NodeRowReader.read(nodesTsv, node -> {
                    Map<String, Object> row = new HashMap<>(8);
                    row.put("n", node.node());
                    row.put("id", node.id());
                    row.put("region", node.region() < 0 ? null : node.region());
                    row.put("category", node.category() < 0 ? null : node.category());
                    row.put("degree", node.degree());
                    row.put("pagerank", node.pagerank());
                    row.put("component", node.component());
                    ExportCypher.Statement st = statements.get(node.kind());
                    writer.add(st.first(fresh.get(node.kind())), st.merge(), node.id(), row);
                    written.merge(node.kind(), 1L, Long::sum);
                });
            } finally {
                writer.finish();
            }
            // MERGE and CREATE write every row: anything else is a bug, not bad input
            long total = writer.written();
            if (total != count || Arrays.stream(neo4jIds).anyMatch(id -> id < 0)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Neo4j wrote %d of %d nodes", total, count));
            }
        }
        return written;
    }
}
