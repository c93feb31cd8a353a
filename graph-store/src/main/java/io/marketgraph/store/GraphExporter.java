package io.marketgraph.store;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * Writes a graph directory into Neo4j: one node per row of {@code nodes.tsv} ({@code :User},
 * {@code :Post}, {@code :Business} with {@code id, region, category, degree, pagerank, component};
 * -1 regions and categories are left unset) and one {@code (:User)-[:INTERACTED {weight}]->(:Post|:Business)}
 * per edge of {@code edges.tsv}, oriented from the user whichever way the edge was stored.
 *
 * <p>Idempotent: nodes MERGE on their unique id, relationships MERGE between the two matched
 * nodes, and every property is SET from the input, so a second run over the same directory leaves
 * the same nodes, relationships and properties. Memory: the node table's kinds and ids (to turn
 * dense edge ends into ids) plus one batch per statement.
 */
public final class GraphExporter {

    /** The relationship type of every interaction edge. */
    public static final String INTERACTED = "INTERACTED";

    private static final Map<NodeKind, String> NODE_MERGE = new EnumMap<>(Map.of(
            NodeKind.USER, nodeMerge("User"), NodeKind.POST, nodeMerge("Post"), NodeKind.BUSINESS, nodeMerge("Business")));

    private static final Map<NodeKind, String> INTERACTION_MERGE = new EnumMap<>(Map.of(
            NodeKind.POST, interactionMerge("Post"), NodeKind.BUSINESS, interactionMerge("Business")));

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

    private static String nodeMerge(String label) {
        return "UNWIND $rows AS row MERGE (n:" + label + " {id: row.id}) "
                + "SET n.region = row.region, n.category = row.category, n.degree = row.degree, "
                + "n.pagerank = row.pagerank, n.component = row.component RETURN count(*) AS written";
    }

    private static String interactionMerge(String targetLabel) {
        return "UNWIND $rows AS row MATCH (u:User {id: row.u}) MATCH (t:" + targetLabel + " {id: row.t}) "
                + "MERGE (u)-[r:" + INTERACTED + "]->(t) SET r.weight = row.w RETURN count(*) AS written";
    }

    /** Counts of one graph export. */
    public record Result(Map<NodeKind, Long> nodes, long interactions, Map<RejectReason, Long> rejected) {
        public Result {
            nodes = Map.copyOf(nodes);
            rejected = Map.copyOf(rejected);
        }

        public long nodeCount() {
            return nodes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Result export(Path graphDir) {
        if (!GraphDirectory.isGraphDirectory(graphDir)) {
            throw new InvalidInputException("--graph " + graphDir + " is not a graph directory (no "
                    + GraphDirectory.NODES_TSV + "/ in it): export-neo4j needs build-graph's output");
        }
        if (!AtomicOutput.isComplete(graphDir)) {
            throw new InvalidInputException("graph directory " + graphDir + " has no " + AtomicOutput.SUCCESS
                    + ": it is incomplete (a failed or running build-graph)");
        }
        NodeTable table = NodeTable.read(graphDir.resolve(GraphDirectory.NODES_TSV));   // validates ids 0..n-1
        Map<NodeKind, Long> nodes = exportNodes(graphDir.resolve(GraphDirectory.NODES_TSV), table.size());
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long interactions = exportInteractions(graphDir.resolve(GraphDirectory.EDGES_TSV), table, rejected);
        return new Result(nodes, interactions, rejected);
    }

    private Map<NodeKind, Long> exportNodes(Path nodesTsv, int count) {
        Map<NodeKind, Long> written = new EnumMap<>(NodeKind.class);
        try (ProgressTracker.Stage stage = progress.stage("nodes", count)) {
            Map<NodeKind, PartitionedWriter> writers = new EnumMap<>(NodeKind.class);
            NODE_MERGE.keySet().forEach(kind -> writers.put(kind,
                    new PartitionedWriter(driver, threads, batchSize, stage, Map.of())));
            try {
                NodeRowReader.read(nodesTsv, node -> {
                    Map<String, Object> row = new HashMap<>(8);
                    row.put("id", node.id());
                    row.put("region", node.region() < 0 ? null : node.region());
                    row.put("category", node.category() < 0 ? null : node.category());
                    row.put("degree", node.degree());
                    row.put("pagerank", node.pagerank());
                    row.put("component", node.component());
                    writers.get(node.kind()).add(NODE_MERGE.get(node.kind()), node.id(), row);
                });
            } finally {
                for (PartitionedWriter writer : writers.values()) {
                    writer.finish();
                }
            }
            writers.forEach((kind, writer) -> written.put(kind, writer.written()));
        }
        return written;
    }

    private long exportInteractions(Path edgesTsv, NodeTable table, Map<RejectReason, Long> rejected) {
        long total = EdgeRowReader.count(edgesTsv);
        try (ProgressTracker.Stage stage = progress.stage("interactions", total)) {
            PartitionedWriter writer = new PartitionedWriter(driver, threads, batchSize, stage, Map.of());
            try {
                EdgeRowReader.read(edgesTsv, table.size(), (src, dst, weight, file, line) -> {
                    NodeKind a = table.kind(src);
                    NodeKind b = table.kind(dst);
                    if (a == NodeKind.USER && b == NodeKind.USER) {
                        reject(rejected, RejectReason.EDGE_BETWEEN_USERS, stage);
                    } else if (a != NodeKind.USER && b != NodeKind.USER) {
                        reject(rejected, RejectReason.EDGE_WITHOUT_USER, stage);
                    } else {
                        int user = a == NodeKind.USER ? src : dst;
                        int target = a == NodeKind.USER ? dst : src;
                        String targetId = table.id(target);
                        writer.add(INTERACTION_MERGE.get(table.kind(target)), targetId,
                                Map.of("u", table.id(user), "t", targetId, "w", weight));
                    }
                });
            } finally {
                writer.finish();
            }
            return writer.written();
        }
    }

    private static void reject(Map<RejectReason, Long> rejected, RejectReason reason, ProgressTracker.Stage stage) {
        rejected.merge(reason, 1L, Long::sum);
        stage.advance(1);
    }
}
