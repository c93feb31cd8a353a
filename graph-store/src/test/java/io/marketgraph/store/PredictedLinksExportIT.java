package io.marketgraph.store;

import static io.marketgraph.store.MarketFixture.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.PredictedLinksFormat.PredictedLink;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.Plan;

class PredictedLinksExportIT {

    @TempDir
    Path tmp;

    static final String DUMP = "MATCH (u)-[r:PREDICTED_INTEREST]->(t) "
            + "RETURN u.id AS u, t.id AS t, r.score AS score, r.model_version AS version ORDER BY u, t, version";

    @BeforeEach
    void clean() {
        Neo4jTestSupport.clean();
    }

    private PredictedLinksExporter.Result exportLinks(List<PredictedLink> links, String version) {
        return new PredictedLinksExporter(Neo4jTestSupport.driver(), 3, 2, ProgressTracker.NOOP)
                .export(MarketFixture.links(tmp, version + ".tsv", links), version);
    }

    /**
     * The link MERGE must expand between the two nodes it matched, not seek every link of the version
     * through a relationship index and filter on the ends: that made an export of n links cost n squared.
     */
    @Test
    void the_link_merge_expands_from_its_two_nodes_instead_of_scanning_the_version() {
        Neo4jSchema.apply(Neo4jTestSupport.driver());
        for (String label : List.of("Post", "Business")) {
            String plan;
            try (Session session = Neo4jTestSupport.driver().session()) {
                plan = operators(session.run("EXPLAIN " + ExportCypher.link(label).merge(),
                        Map.of("rows", List.of(), "version", "v1")).consume().plan());
            }
            assertTrue(plan.contains("Expand(Into)"), plan);
            assertFalse(plan.contains("RelationshipIndexSeek"), plan);
        }
    }

    /**
     * In one export of graph and links, a link between two nodes the graph stage wrote seeks them by
     * Neo4j node id (no unique-index seek); a link naming a node that is in the database but not in
     * this graph directory is still found through the index, and an unknown node is still counted.
     */
    @Test
    void links_between_nodes_the_same_export_wrote_seek_them_by_node_id_and_other_links_use_the_index() {
        try (Session session = Neo4jTestSupport.driver().session()) {
            session.executeWrite(tx -> tx.run("CREATE (:Post {id: 'p-earlier'})").consume());
            String plan = operators(session.run("EXPLAIN " + ExportCypher.linkByNodeId("Post").first(true),
                    Map.of("rows", List.of(), "version", "v1")).consume().plan());
            assertTrue(plan.contains("NodeByIdSeek"), plan);
            assertFalse(plan.contains("IndexSeek"), plan);
        }
        List<PredictedLink> links = List.of(link("u1", NodeKind.POST, "p1", 0.9), link("u1", NodeKind.POST, "p-earlier", 0.7),
                link("u1", NodeKind.POST, "p404", 0.5), link("u2", NodeKind.BUSINESS, "b1", 0.6));

        ExportResult result = MarketFixture.export(tmp, links, "v1");

        assertEquals(3, result.predictedLinks());
        assertEquals(Map.of(RejectReason.LINK_UNKNOWN_NODE, 1L), result.rejected());
        assertEquals(List.of(
                Map.of("u", "u1", "t", "p-earlier", "score", 0.7, "version", "v1"),
                Map.of("u", "u1", "t", "p1", "score", 0.9, "version", "v1"),
                Map.of("u", "u2", "t", "b1", "score", 0.6, "version", "v1")), Neo4jTestSupport.rows(DUMP));
    }

    private static String operators(Plan plan) {
        StringBuilder out = new StringBuilder(plan.operatorType()).append('\n');
        plan.children().forEach(child -> out.append(operators(child)));
        return out.toString();
    }

    private static String currentVersion() {
        return new AudienceQueries(Neo4jTestSupport.driver(), "test").currentModelVersion();
    }

    @Test
    void writes_links_with_score_and_version_and_counts_each_rejected_link() {
        MarketFixture.export(tmp, null, null);
        List<PredictedLink> links = new ArrayList<>(List.of(
                link("u1", NodeKind.BUSINESS, "b1", 0.9), link("u4", NodeKind.POST, "p1", 0.85),
                link("u1", NodeKind.POST, "p404", 0.5),                                        // unknown post
                link("u404", NodeKind.BUSINESS, "b1", 0.5),                                    // unknown user
                new PredictedLink(new NodeRef(NodeKind.POST, "p1"), new NodeRef(NodeKind.BUSINESS, "b1"), 0.5),
                link("u1", NodeKind.USER, "u2", 0.5)));

        PredictedLinksExporter.Result result = exportLinks(links, "v1");

        assertEquals(6, result.read());
        assertEquals(2, result.written());
        assertEquals(0, result.deletedOtherVersions());
        assertEquals(Map.of(RejectReason.LINK_UNKNOWN_NODE, 2L, RejectReason.LINK_SOURCE_NOT_USER, 1L,
                RejectReason.LINK_TARGET_IS_USER, 1L), result.rejected());
        assertEquals(List.of(
                Map.of("u", "u1", "t", "b1", "score", 0.9, "version", "v1"),
                Map.of("u", "u4", "t", "p1", "score", 0.85, "version", "v1")), Neo4jTestSupport.rows(DUMP));
        assertEquals("v1", currentVersion());
    }

    @Test
    void a_new_version_replaces_the_previous_one_as_a_unit_and_re_exporting_it_changes_nothing() {
        MarketFixture.export(tmp, MarketFixture.V1, "v1");
        assertEquals(9, Neo4jTestSupport.count("MATCH ()-[r:PREDICTED_INTEREST {model_version: 'v1'}]->() RETURN count(r)"));

        List<PredictedLink> v2 = List.of(link("u2", NodeKind.BUSINESS, "b1", 0.5), link("u3", NodeKind.POST, "p2", 0.25));
        PredictedLinksExporter.Result result = exportLinks(v2, "v2");

        assertTrue(result.created());
        assertEquals(2, result.written());
        assertEquals(9, result.deletedOtherVersions());
        List<Map<String, Object>> expected = List.of(
                Map.of("u", "u2", "t", "b1", "score", 0.5, "version", "v2"),
                Map.of("u", "u3", "t", "p2", "score", 0.25, "version", "v2"));
        assertEquals(expected, Neo4jTestSupport.rows(DUMP));
        assertEquals("v2", currentVersion());
        assertEquals(1, Neo4jTestSupport.count("MATCH (s:PredictionState) RETURN count(s)"));

        PredictedLinksExporter.Result again = exportLinks(v2, "v2");

        assertFalse(again.created());
        assertEquals(0, again.deletedOtherVersions());
        assertEquals(expected, Neo4jTestSupport.rows(DUMP));
        assertEquals(6, Neo4jTestSupport.count("MATCH ()-[r:INTERACTED]->() RETURN count(r)"));
    }

    @Test
    void a_file_with_a_pair_twice_or_a_user_split_in_two_is_merged_and_stays_one_link_a_pair() {
        MarketFixture.export(tmp, null, null);
        List<PredictedLink> twice = List.of(link("u1", NodeKind.BUSINESS, "b1", 0.9), link("u1", NodeKind.BUSINESS, "b1", 0.8));
        List<PredictedLink> split = List.of(link("u1", NodeKind.POST, "p1", 0.9), link("u2", NodeKind.POST, "p1", 0.8),
                link("u1", NodeKind.POST, "p2", 0.7));
        List<PredictedLink> grouped = List.of(link("u1", NodeKind.POST, "p1", 0.9), link("u1", NodeKind.POST, "p2", 0.7),
                link("u2", NodeKind.POST, "p1", 0.8), link("u2", NodeKind.USER, "u1", 0.5), link("u1", NodeKind.USER, "u2", 0.5),
                link("u1", NodeKind.BUSINESS, "b1", 0.6), link("u2", NodeKind.BUSINESS, "b1", 0.6));

        assertFalse(PredictedLinksExporter.userGroupedWithoutDuplicates(MarketFixture.links(tmp, "twice.tsv", twice)));
        assertFalse(PredictedLinksExporter.userGroupedWithoutDuplicates(MarketFixture.links(tmp, "split.tsv", split)));
        assertTrue(PredictedLinksExporter.userGroupedWithoutDuplicates(MarketFixture.links(tmp, "grouped.tsv", grouped)));

        PredictedLinksExporter.Result result = exportLinks(twice, "v1");

        assertFalse(result.created());
        assertEquals(2, result.written());
        assertEquals(List.of(Map.of("u", "u1", "t", "b1", "score", 0.8, "version", "v1")), Neo4jTestSupport.rows(DUMP));
    }

    @Test
    void refuses_links_without_a_model_version() {
        Path file = MarketFixture.links(tmp, "x.tsv", MarketFixture.V1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExportConfig(null, file, null, 10, 1, 0.0));
        assertEquals("--predicted-links " + file + " needs --model-version (the version these links belong to)",
                e.getMessage());
    }
}
