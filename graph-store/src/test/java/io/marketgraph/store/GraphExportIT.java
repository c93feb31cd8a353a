package io.marketgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;

class GraphExportIT {

    @TempDir
    Path tmp;

    /** 3 users, 2 posts, 1 business; 6 edges of which 4 are interactions (one stored post->user). */
    static final String[] NODES = {
        "0 USER u1 1 -1 2 0.25 0",
        "1 USER u2 2 -1 2 0.125 0",
        "2 USER u3 1 -1 1 0.0625 0",
        "3 POST p1 1 7 2 0.5 0",
        "4 POST p2 2 8 1 0.25 0",
        "5 BUSINESS b1 1 7 2 0.75 0",
    };
    static final String[] EDGES = {
        "0 3 1.5",   // u1 -> p1
        "0 5 4",     // u1 -> b1
        "4 1 2.5",   // p2 -> u2 (stored the other way round)
        "2 5 10",    // u3 -> b1
        "0 1 1",     // u1 - u2: rejected
        "3 5 1",     // p1 - b1: rejected
    };

    static final String DUMP_NODES = "MATCH (n) WHERE n:User OR n:Post OR n:Business "
            + "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id";
    static final String DUMP_RELS = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, "
            + "b.id AS b ORDER BY a, type, b";

    @BeforeEach
    void clean() {
        Neo4jTestSupport.clean();
    }

    private ExportResult export(Path graph, int batchSize, ProgressTracker progress) {
        return export(graph, batchSize, 1, progress);
    }

    private ExportResult export(Path graph, int batchSize, int threads, ProgressTracker progress) {
        return new ExportJob(Neo4jTestSupport.driver(), "test", progress)
                .run(new ExportConfig(graph, null, null, batchSize, threads, 0.0));
    }

    @Test
    void exports_nodes_with_properties_and_user_oriented_interactions_and_counts_rejects() {
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, EDGES);

        ExportResult result = export(graph, 2, ProgressTracker.NOOP);

        assertEquals(Map.of(NodeKind.USER, 3L, NodeKind.POST, 2L, NodeKind.BUSINESS, 1L), result.nodes());
        assertEquals(4, result.interactions());
        assertEquals(0, result.listed());
        assertEquals(ExportResult.UNTYPED, result.relationshipSource());
        assertTrue(result.summary().contains("  relationships of: " + ExportResult.UNTYPED + "\n"), result.summary());
        assertEquals(Map.of(RejectReason.EDGE_BETWEEN_USERS, 1L, RejectReason.EDGE_WITHOUT_USER, 1L), result.rejected());
        assertEquals(12, result.recordsRead());
        assertEquals(List.of(
                Map.of("a", "u1", "type", "INTERACTED", "props", Map.of("weight", 4.0), "b", "b1"),
                Map.of("a", "u1", "type", "INTERACTED", "props", Map.of("weight", 1.5), "b", "p1"),
                Map.of("a", "u2", "type", "INTERACTED", "props", Map.of("weight", 2.5), "b", "p2"),
                Map.of("a", "u3", "type", "INTERACTED", "props", Map.of("weight", 10.0), "b", "b1")),
                Neo4jTestSupport.rows(DUMP_RELS));
        assertEquals(List.of(Map.of("labels", List.of("User"), "props",
                        Map.of("id", "u2", "region", 2L, "degree", 2L, "pagerank", 0.125, "component", 0L))),
                Neo4jTestSupport.rows("MATCH (n:User {id: 'u2'}) RETURN labels(n) AS labels, properties(n) AS props"));
        assertEquals(List.of(Map.of("props", Map.of("id", "b1", "region", 1L, "category", 7L, "degree", 2L,
                        "pagerank", 0.75, "component", 0L))),
                Neo4jTestSupport.rows("MATCH (n:Business) RETURN properties(n) AS props"));
    }

    @Test
    void exporting_the_same_graph_twice_changes_nothing() {
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, EDGES);
        ExportResult first = export(graph, 1, 3, ProgressTracker.NOOP);   // one-row batches on 3 concurrent writers
        assertEquals(Map.of("User", true, "Post", true, "Business", true, "INTERACTED", true), first.firstLoad());
        List<Map<String, Object>> nodes = Neo4jTestSupport.rows(DUMP_NODES);
        List<Map<String, Object>> rels = Neo4jTestSupport.rows(DUMP_RELS);

        ExportResult second = export(graph, 2, 2, ProgressTracker.NOOP);

        assertEquals(Map.of("User", false, "Post", false, "Business", false, "INTERACTED", false), second.firstLoad());
        assertEquals(6, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
        assertEquals(4, Neo4jTestSupport.count("MATCH ()-[r]->() RETURN count(r)"));
        assertEquals(nodes, Neo4jTestSupport.rows(DUMP_NODES));
        assertEquals(rels, Neo4jTestSupport.rows(DUMP_RELS));
        assertEquals(4, second.interactions());
        assertEquals(6, second.nodeCount());
    }

    @Test
    void applies_the_schema_idempotently() {
        Neo4jSchema.apply(Neo4jTestSupport.driver());
        Neo4jSchema.apply(Neo4jTestSupport.driver());
        List<Object> constraints = Neo4jTestSupport.rows("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
                .stream().map(r -> r.get("name")).toList();
        assertEquals(List.of("business_id", "post_id", "prediction_state_key", "user_id"), constraints);
        List<Object> indexes = Neo4jTestSupport.rows(
                "SHOW INDEXES YIELD name, type WHERE type = 'RANGE' RETURN name ORDER BY name")
                .stream().map(r -> r.get("name")).toList();
        assertEquals(List.of("business_category", "business_id", "business_region", "post_category", "post_id",
                "post_region", "prediction_state_key", "user_id", "user_region"), indexes);
    }

    @Test
    void reports_progress_per_stage() {
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, EDGES);
        List<String> lines = new ArrayList<>();
        LoggingProgressTracker progress = new LoggingProgressTracker("export-neo4j", lines::add);

        export(graph, 2, progress);

        assertTrue(lines.contains("export-neo4j :: nodes started (6 units)"), lines.toString());
        assertTrue(lines.contains("export-neo4j :: edges.tsv started (6 units)"), lines.toString());
        assertTrue(lines.contains("export-neo4j :: interactions started (4 units)"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("export-neo4j :: interactions done in ")), lines.toString());
        assertEquals(List.of("nodes", "schema", "edges.tsv", "interactions"), List.copyOf(progress.stageSeconds().keySet()));
    }

    @Test
    void a_first_load_builds_the_schema_after_the_nodes_and_a_rerun_applies_it_first() {
        dropSchema();
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, EDGES);
        LoggingProgressTracker first = new LoggingProgressTracker("export-neo4j", line -> { });
        LoggingProgressTracker second = new LoggingProgressTracker("export-neo4j", line -> { });

        export(graph, 2, first);
        List<Object> afterFirst = Neo4jTestSupport.rows("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")
                .stream().map(r -> r.get("name")).toList();
        export(graph, 2, second);

        assertEquals(List.of("nodes", "schema", "edges.tsv", "interactions"), List.copyOf(first.stageSeconds().keySet()));
        assertEquals(List.of("business_id", "post_id", "prediction_state_key", "user_id"), afterFirst);
        assertEquals(List.of("schema", "nodes", "edges.tsv", "interactions"), List.copyOf(second.stageSeconds().keySet()));
        assertEquals(6, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
        assertEquals(4, Neo4jTestSupport.count("MATCH ()-[r]->() RETURN count(r)"));
    }

    /** Drops every constraint and range index (the shared server keeps its schema between tests). */
    private static void dropSchema() {
        for (Map<String, Object> c : Neo4jTestSupport.rows("SHOW CONSTRAINTS YIELD name RETURN name")) {
            schemaCommand("DROP CONSTRAINT " + c.get("name"));
        }
        for (Map<String, Object> i : Neo4jTestSupport.rows("SHOW INDEXES YIELD name, type WHERE type = 'RANGE' RETURN name")) {
            schemaCommand("DROP INDEX " + i.get("name"));
        }
    }

    private static void schemaCommand(String cypher) {
        try (Session session = Neo4jTestSupport.driver().session()) {
            session.run(cypher).consume();
        }
    }

    @Test
    void refuses_an_incomplete_graph_directory_before_writing() throws IOException {
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, EDGES);
        Files.delete(graph.resolve("_SUCCESS"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> export(graph, 2, ProgressTracker.NOOP));
        assertEquals("graph directory " + graph + " has no _SUCCESS: it is incomplete (a failed or running build-graph)",
                e.getMessage());
        assertEquals(0, Neo4jTestSupport.count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void rejects_an_edge_to_an_unknown_node_naming_file_line_and_value() {
        Path graph = TestGraphs.write(tmp.resolve("g"), NODES, new String[] {"0 3 1", "0 9 1"});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> export(graph, 2, ProgressTracker.NOOP));
        assertEquals(graph.resolve("edges.tsv").resolve("part-00000.tsv")
                + " line 2: node '9' is not a node of this graph (expected 0..5 from nodes.tsv)", e.getMessage());
    }
}
