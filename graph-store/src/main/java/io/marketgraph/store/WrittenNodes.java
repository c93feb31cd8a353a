package io.marketgraph.store;

import io.marketgraph.model.NodeKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The Neo4j node id of every node the graph stage of this export wrote, by kind and external id:
 * the predicted-links stage that follows seeks its users and targets by node id instead of through
 * the unique indexes (a cold first load: the link stage spent about a third of its server time in
 * those index seeks and their index-entry locks).
 *
 * <p>Valid for the rest of the export that wrote the nodes (as the relationship stages assume): a
 * node deleted in between is not matched, and its rows are counted as unknown nodes.
 */
public final class WrittenNodes {

    private final Map<NodeKind, Map<String, Integer>> nodeById;
    private final long[] neo4jIds;

    /** {@code nodeById}: dense node number per kind and id; {@code neo4jIds}: Neo4j id per dense node. */
    WrittenNodes(Map<NodeKind, Map<String, Integer>> nodeById, long[] neo4jIds) {
        this.nodeById = nodeById;
        this.neo4jIds = neo4jIds;
    }

    /** None: every link is looked up through the unique indexes. */
    static WrittenNodes none() {
        return new WrittenNodes(new EnumMap<>(NodeKind.class), new long[0]);
    }

    /** An empty per-kind index to fill, see {@link GraphExporter}. */
    static Map<NodeKind, Map<String, Integer>> emptyIndex(int nodes) {
        Map<NodeKind, Map<String, Integer>> index = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            index.put(kind, new HashMap<>(Math.max(16, nodes / NodeKind.values().length)));
        }
        return index;
    }

    /** The Neo4j node id of the node with {@code kind} and {@code id}, or -1 when this export did not write it. */
    long neo4jId(NodeKind kind, String id) {
        Map<String, Integer> ofKind = nodeById.get(kind);
        Integer node = ofKind == null ? null : ofKind.get(id);
        return node == null ? -1 : neo4jIds[node];
    }
}
