package io.marketgraph.store;

import static io.marketgraph.store.MarketFixture.link;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Exact audiences on {@link MarketFixture} with model version v1 current. Read-only tests share one export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudienceQueriesIT {

    @TempDir
    static Path tmp;

    private AudienceQueries queries;

    @BeforeAll
    void exportFixture() {
        Neo4jTestSupport.clean();
        MarketFixture.export(tmp, MarketFixture.V1, "v1");
        queries = new AudienceQueries(Neo4jTestSupport.driver(), "test");
    }

    @AfterAll
    void cleanUp() {
        Neo4jTestSupport.clean();
    }

    private static Audience.Member m(String user, Integer region, double score) {
        return new Audience.Member(user, region, score);
    }

    private static AudienceQuery.Target b1(List<Integer> regions, double minScore, boolean excludeEngaged, int limit, int offset) {
        return new AudienceQuery.Target(NodeKind.BUSINESS, "b1", regions, minScore, excludeEngaged, limit, offset);
    }

    @Test
    void business_audience_is_ranked_by_score_then_user_id_with_the_total_at_the_threshold() {
        Audience audience = queries.find(b1(List.of(), 0.65, false, 10, 0));
        assertEquals(List.of(m("u5", null, 0.95), m("u1", 1, 0.9), m("u2", 1, 0.8), m("u6", 2, 0.8), m("u3", 2, 0.7)),
                audience.members());
        assertEquals(5, audience.total());
        assertEquals("v1", audience.modelVersion());
    }

    @Test
    void region_filter_keeps_only_users_of_those_regions() {
        Audience audience = queries.find(b1(List.of(1), 0.65, false, 10, 0));
        assertEquals(List.of(m("u1", 1, 0.9), m("u2", 1, 0.8)), audience.members());
        assertEquals(2, audience.total());
        assertEquals(List.of(m("u1", 1, 0.9), m("u2", 1, 0.8), m("u6", 2, 0.8), m("u3", 2, 0.7), m("u4", 1, 0.6)),
                queries.find(b1(List.of(1, 2), 0.0, false, 10, 0)).members());
    }

    @Test
    void exclude_engaged_drops_users_who_already_interacted_with_the_business() {
        Audience audience = queries.find(b1(List.of(), 0.65, true, 10, 0));
        assertEquals(List.of(m("u5", null, 0.95), m("u2", 1, 0.8), m("u6", 2, 0.8)), audience.members());
        assertEquals(3, audience.total());
    }

    @Test
    void pages_with_limit_and_offset_and_keeps_the_total() {
        Audience page2 = queries.find(b1(List.of(), 0.65, false, 2, 2));
        assertEquals(List.of(m("u2", 1, 0.8), m("u6", 2, 0.8)), page2.members());
        assertEquals(5, page2.total());
        Audience past = queries.find(b1(List.of(), 0.65, false, 2, 6));
        assertEquals(List.of(), past.members());
        assertEquals(5, past.total());
    }

    @Test
    void post_audience_uses_the_post_label() {
        Audience audience = queries.find(new AudienceQuery.Target(NodeKind.POST, "p1", List.of(), 0.0, false, 10, 0));
        assertEquals(List.of(m("u4", 1, 0.85), m("u5", null, 0.4)), audience.members());
        assertEquals(2, audience.total());
        assertEquals(0, queries.find(new AudienceQuery.Target(NodeKind.POST, "b1", List.of(), 0.0, false, 10, 0)).total());
    }

    @Test
    void category_audience_ranks_users_by_their_best_score_in_that_category() {
        Audience audience = queries.find(new AudienceQuery.Category(7, List.of(), 0.8, 10, 0));
        assertEquals(List.of(m("u5", null, 0.95), m("u1", 1, 0.9), m("u4", 1, 0.85), m("u2", 1, 0.8), m("u6", 2, 0.8)),
                audience.members());
        assertEquals(5, audience.total());
        assertEquals(List.of(m("u2", 1, 0.99)), queries.find(new AudienceQuery.Category(9, List.of(), 0.0, 10, 0)).members());
    }

    @Test
    void lookalike_ranks_non_seed_users_by_targets_shared_with_the_seeds() {
        Audience audience = queries.find(new AudienceQuery.Lookalike(List.of("u1"), List.of(), 1, 10, 0));
        assertEquals(List.of(m("u3", 2, 2.0), m("u2", 1, 1.0)), audience.members());
        assertEquals(2, audience.total());
        assertEquals(null, audience.modelVersion());
        assertEquals(List.of(m("u3", 2, 2.0)),
                queries.find(new AudienceQuery.Lookalike(List.of("u1"), List.of(), 2, 10, 0)).members());
        assertEquals(List.of(m("u2", 1, 1.0)),
                queries.find(new AudienceQuery.Lookalike(List.of("u1"), List.of(1), 1, 10, 0)).members());
    }

    @Test
    void a_new_model_version_is_what_queries_see_once_exported() {
        AudienceQueries after;
        try {
            new PredictedLinksExporter(Neo4jTestSupport.driver(), 10, 1, ProgressTracker.NOOP)
                    .export(MarketFixture.links(tmp, "v2.tsv", List.of(link("u4", NodeKind.BUSINESS, "b1", 0.5))), "v2");
            after = new AudienceQueries(Neo4jTestSupport.driver(), "test");
            Audience audience = after.find(b1(List.of(), 0.0, false, 10, 0));
            assertEquals(List.of(m("u4", 1, 0.5)), audience.members());
            assertEquals("v2", audience.modelVersion());
        } finally {
            exportFixture();   // back to v1 for the other tests of this class
        }
    }
}
