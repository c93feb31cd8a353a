package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.io.Json;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the answers mean (issue 19 item 6), on the blend re-ranker: unknown re-rank candidates, the
 * {@code affinity} rule, recommendation answers that cannot fill {@code k}, link kinds as sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseSemanticsTest {

    private ApiFixture api;

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        api = new ApiFixture(tmp, 1);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private JsonNode rerank(String user, List<String> ids) {
        StringBuilder body = new StringBuilder("{\"userId\":\"" + user + "\",\"candidates\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"postId\":\"").append(ids.get(i)).append("\",\"baseScore\":")
                    .append(10 - 0.1 * i).append('}');
        }
        return json(api.post("/v1/search/rerank", "search", body.append("]}").toString()));
    }

    private static List<String> order(JsonNode r) {
        List<String> ids = new ArrayList<>();
        r.get("candidates").forEach(c -> ids.add(c.get("postId").asText()));
        return ids;
    }

    @Test
    void an_unknown_post_never_moves_above_a_known_post_the_engine_ranked_above_it() {
        // u4 has taste 0: p8 (category 0) rises, p1, p2, p3 do not; zzz sits between p1 and p2 in the engine's order
        JsonNode r = rerank("u4", List.of("p1", "zzz", "p2", "p3", "p8"));
        assertTrue(r.get("personalized").asBoolean(), r.toString());
        List<String> back = order(r);
        assertTrue(back.indexOf("zzz") > back.indexOf("p1"), "zzz stays behind p1: " + back);
        assertEquals(5, back.size());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode c : r.get("candidates")) {
            assertTrue(c.get("score").asDouble() <= previous, "scores never rise down the list: " + r);
            previous = c.get("score").asDouble();
        }
        // zzz takes the score of the known post it follows
        int at = back.indexOf("zzz");
        assertEquals(r.get("candidates").get(at - 1).get("score").asDouble(), r.get("candidates").get(at).get("score").asDouble(), 0.0);
    }

    @Test
    void an_unknown_post_the_engine_ranked_first_keeps_its_place_and_a_list_of_unknowns_keeps_the_base_order() {
        // the blend scales base scores within the list: a long list keeps the engine's steps small, so taste decides
        JsonNode first = rerank("u4", List.of("zzz", "p1", "p8", "p2", "p3", "p5", "p6", "p7", "p9", "p10", "p11", "p13"));
        assertEquals("zzz", order(first).get(0));
        assertEquals("p8", order(first).get(1), "the model still orders the known posts: " + first);

        JsonNode none = rerank("u4", List.of("x1", "x2", "x3"));
        assertFalse(none.get("personalized").asBoolean());
        assertEquals("no_known_candidates", none.get("reason").asText());
        assertEquals(List.of("x1", "x2", "x3"), order(none));
    }

    @Test
    void affinity_is_the_mapped_cosine_for_known_posts_of_a_personalized_answer_and_null_otherwise() {
        JsonNode r = rerank("u4", List.of("p1", "zzz", "p8"));
        try (ModelManager.Lease lease = api.models.acquire().orElseThrow()) {
            ServingModel model = lease.model();
            int user = model.nodeIndex(NodeKind.USER, "u4");
            for (JsonNode c : r.get("candidates")) {
                int post = model.nodeIndex(NodeKind.POST, c.get("postId").asText());
                if (post < 0) {
                    assertTrue(c.get("affinity").isNull(), c.toString());
                } else {
                    assertEquals((model.cosine(user, post) + 1) / 2, c.get("affinity").asDouble(), 1e-12, c.toString());
                }
            }
        }
        JsonNode ghost = rerank("ghost", List.of("p1", "p8"));
        ghost.get("candidates").forEach(c -> assertTrue(c.get("affinity").isNull(), "not personalized: " + ghost));
    }

    @Test
    void a_recommendation_that_cannot_fill_k_says_why() {
        JsonNode none = json(api.get("/v1/users/u4/recommendations?region=5,6&k=3", "recs"));
        assertEquals(0, none.get("items").size());
        JsonNode why = none.get("shortfall");
        assertEquals(3, why.get("requested").asInt());
        assertEquals(0, why.get("returned").asInt());
        assertEquals(0, why.get("eligible").asInt());
        assertEquals("fewer_eligible", why.get("reason").asText());
        assertEquals("only 0 posts are in regions [5, 6], ACTIVE, not engaged with by the user", why.get("message").asText());

        JsonNode some = json(api.get("/v1/users/u4/recommendations?region=1&k=30", "recs"));
        int eligible = 0;
        try (ModelManager.Lease lease = api.models.acquire().orElseThrow()) {
            ServingModel model = lease.model();
            int user = model.nodeIndex(NodeKind.USER, "u4");
            for (int n = 0; n < model.nodes().size(); n++) {
                PostStatus status = model.status(n);
                if (model.nodes().kind(n) == NodeKind.POST && model.nodes().region(n) == 1
                        && (status == null || status == PostStatus.ACTIVE) && !model.graph().hasEdge(user, n)) {
                    eligible++;
                }
            }
        }
        assertTrue(eligible < 30, "region 1 of the planted market holds fewer than 30 posts: " + eligible);
        JsonNode short1 = some.get("shortfall");
        assertEquals(some.get("items").size(), short1.get("returned").asInt());
        assertEquals(eligible, short1.get("eligible").asInt(), some.toString());
        assertEquals(short1.get("returned").asInt() == eligible ? "fewer_eligible" : "source_exhausted", short1.get("reason").asText());
        assertTrue(short1.get("message").asText().contains(eligible + " posts"), short1.toString());

        JsonNode full = json(api.get("/v1/users/u4/recommendations?k=3", "recs"));
        assertEquals(3, full.get("items").size());
        assertTrue(full.get("shortfall").isNull(), full.toString());
    }

    @Test
    void link_scores_echo_the_kind_as_the_caller_spelled_it() {
        JsonNode r = json(api.post("/v1/links/score", "recs", "{\"pairs\":[{\"userId\":\"u4\",\"targetKind\":\"post\",\"targetId\":\"p8\"},"
                + "{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"p8\"},{\"userId\":\"u4\",\"targetKind\":\"Post\",\"targetId\":\"p8\"}]}"));
        List<String> kinds = new ArrayList<>();
        Set<Double> scores = new java.util.HashSet<>();
        r.get("scores").forEach(s -> {
            kinds.add(s.get("targetKind").asText());
            scores.add(s.get("score").asDouble());
        });
        assertEquals(List.of("post", "POST", "Post"), kinds);
        assertEquals(1, scores.size(), "one pair, one score: " + r);
    }
}
