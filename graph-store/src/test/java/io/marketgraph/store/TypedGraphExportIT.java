package io.marketgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;

/** A graph directory with interactions.tsv (build-graph's layout): typed INTERACTED and LISTED. */
class TypedGraphExportIT {

    @TempDir
    Path tmp;

    static final String[] NODES = {
        "0 USER u1 1 -1 3 0.1 0",
        "1 USER u2 2 -1 2 0.1 0",
        "2 USER u3 1 -1 1 0.1 0",
        "3 POST p1 1 7 3 0.2 0",
        "4 POST p2 2 8 2 0.1 0",
        "5 POST p3 1 7 1 0.1 0",
        "6 BUSINESS b1 1 7 2 0.1 0",
        "7 BUSINESS b2 2 9 1 0.1 0",
    };
    /** 4 interactions, 3 listings (u2 sells p1, b1 sells p2, b2 sells p3), a duplicate, an untyped edge. */
    static final String[] EDGES = {
        "0 3 1.5", "0 6 4", "1 4 2.5", "2 3 10",
        "1 3 1", "6 4 1", "7 5 1",
        "0 3 9",   // duplicate pair u1 -> p1: DUPLICATE_PAIR
        "3 6 1",   // p1 -> b1: neither an interaction nor a listing: EDGE_NOT_TYPED
    };
    /** src dst VIEW SEARCH_CLICK LIKE AD_CLICK CHAT FOLLOW PURCHASE. */
    static final String[] INTERACTIONS = {
        "0 3 2 1 0 0 0 0 1",
        "0 6 1 0 0 0 0 1 0",
        "1 4 0 0 1 0 1 0 0",
        "2 3 3 0 0 0 0 0 0",
        "2 7 1 0 0 0 0 0 0",   // u3 -> b2 is not in edges.tsv: INTERACTION_WITHOUT_EDGE
        "0 3 1 0 0 0 0 0 0",   // u1 -> p1 again: DUPLICATE_PAIR
    };

    static final List<Map<String, Object>> EXPECTED_RELS = List.of(
            rel("b1", "LISTED", Map.of("weight", 1.0), "p2"),
            rel("b2", "LISTED", Map.of("weight", 1.0), "p3"),
            rel("u1", "INTERACTED", Map.of("weight", 4.0, "n_view", 1L, "n_follow", 1L), "b1"),
            rel("u1", "INTERACTED", Map.of("weight", 1.5, "n_view", 2L, "n_search_click", 1L, "n_purchase", 1L), "p1"),
            rel("u2", "INTERACTED", Map.of("weight", 2.5, "n_like", 1L, "n_chat", 1L), "p2"),
            rel("u2", "LISTED", Map.of("weight", 1.0), "p1"),
            rel("u3", "INTERACTED", Map.of("weight", 10.0, "n_view", 3L), "p1"));

    static final String COUNT_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type";

    private static Map<String, Object> rel(String a, String type, Map<String, Object> props, String b) {
        return Map.of("a", a, "type", type, "props", props, "b", b);
    }

    @BeforeEach
    void clean() {
        Neo4jTestSupport.clean();
    }

    private ExportResult export(Path graph, int batchSize, int threads) {
        return new ExportJob(Neo4jTestSupport.driver(), "test", ProgressTracker.NOOP)
                .run(new ExportConfig(graph, null, null, batchSize, threads, 1.0));
    }

    @Test
    void exports_typed_interactions_with_action_counts_and_listings_from_edges_tsv() {
        Path graph = TestGraphs.writeTyped(tmp.resolve("g"), NODES, EDGES, INTERACTIONS);

        ExportResult result = export(graph, 2, 1);

        assertEquals(Map.of(NodeKind.USER, 3L, NodeKind.POST, 3L, NodeKind.BUSINESS, 2L), result.nodes());
        assertEquals(4, result.interactions());
        assertEquals(3, result.listed());
        assertEquals(ExportResult.TYPED, result.relationshipSource());
        assertEquals(Map.of(RejectReason.DUPLICATE_PAIR, 2L, RejectReason.INTERACTION_WITHOUT_EDGE, 1L,
                RejectReason.EDGE_NOT_TYPED, 1L), result.rejected());
        assertEquals(8 + 4 + 3 + 4, result.recordsRead());
        assertEquals(Map.of("User", true, "Post", true, "Business", true, "INTERACTED", true, "LISTED", true),
                result.firstLoad());
        assertEquals(List.of(Map.of("type", "INTERACTED", "n", 4L), Map.of("type", "LISTED", "n", 3L)),
                Neo4jTestSupport.rows(COUNT_BY_TYPE));
        assertEquals(EXPECTED_RELS, Neo4jTestSupport.rows(GraphExportIT.DUMP_RELS));
        assertEquals(2, Neo4jTestSupport.count("MATCH ()-[r:INTERACTED]->() WHERE r.n_view >= 2 RETURN count(r)"));
        String summary = result.summary();
        assertTrue(summary.contains("  listings:         3  (LISTED)\n"), summary);
        assertTrue(summary.contains("  relationships of: " + ExportResult.TYPED + "\n"), summary);
        assertTrue(summary.contains("  written with:     CREATE (first load) [User, Post, Business, INTERACTED, LISTED], "
                + "MERGE []; 0 batches retried\n"), summary);
    }

    @Test
    void a_second_export_after_a_first_load_with_create_changes_nothing() {
        Path graph = TestGraphs.writeTyped(tmp.resolve("g"), NODES, EDGES, INTERACTIONS);
        ExportResult first = export(graph, 1, 3);   // CREATE, one-row batches on 3 concurrent writers
        List<Map<String, Object>> nodes = Neo4jTestSupport.rows(GraphExportIT.DUMP_NODES);

        ExportResult second = export(graph, 3, 2);

        assertEquals(Map.of("User", true, "Post", true, "Business", true, "INTERACTED", true, "LISTED", true),
                first.firstLoad());
        assertEquals(Map.of("User", false, "Post", false, "Business", false, "INTERACTED", false, "LISTED", false),
                second.firstLoad());
        assertEquals(8, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
        assertEquals(List.of(Map.of("type", "INTERACTED", "n", 4L), Map.of("type", "LISTED", "n", 3L)),
                Neo4jTestSupport.rows(COUNT_BY_TYPE));
        assertEquals(EXPECTED_RELS, Neo4jTestSupport.rows(GraphExportIT.DUMP_RELS));
        assertEquals(nodes, Neo4jTestSupport.rows(GraphExportIT.DUMP_NODES));
        assertEquals(List.of(first.interactions(), first.listed(), first.nodeCount(), first.rejected()),
                List.of(second.interactions(), second.listed(), second.nodeCount(), second.rejected()));
    }

    @Test
    void after_a_run_that_stopped_half_way_the_next_merges_without_duplicates() {
        // what a crashed first load leaves: some nodes, one INTERACTED with stale properties
        try (Session session = Neo4jTestSupport.driver().session()) {
            session.executeWrite(tx -> tx.run(
                    "CREATE (:User {id: 'u1'})-[:INTERACTED {weight: 99.0, n_like: 5}]->(:Post {id: 'p1'})").consume());
        }
        Path graph = TestGraphs.writeTyped(tmp.resolve("g"), NODES, EDGES, INTERACTIONS);

        ExportResult result = export(graph, 2, 1);

        assertEquals(Map.of("User", false, "Post", false, "Business", true, "INTERACTED", false, "LISTED", true),
                result.firstLoad());
        assertEquals(8, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
        assertEquals(EXPECTED_RELS, Neo4jTestSupport.rows(GraphExportIT.DUMP_RELS));
    }

    @Test
    void refuses_a_node_table_with_an_id_listed_twice_before_writing() {
        String[] nodes = NODES.clone();
        nodes[5] = "5 POST p1 1 7 1 0.1 0";
        Path graph = TestGraphs.writeTyped(tmp.resolve("g"), nodes, EDGES, INTERACTIONS);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> export(graph, 2, 1));

        assertEquals(graph.resolve("nodes.tsv") + ": column 'id': POST id 'p1' is listed twice (nodes 3 and 5); "
                + "ids must be unique per kind", e.getMessage());
        assertEquals(0, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
    }
}
