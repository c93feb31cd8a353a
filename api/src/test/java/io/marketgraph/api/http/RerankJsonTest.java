package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.api.service.RerankService;
import io.marketgraph.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The re-rank route's streaming JSON against Jackson data binding: the bytes Jackson writes for the
 * result (the learned scores as floats), the same parse, the same 400s.
 */
class RerankJsonTest {

    /** What JDK 17's Double.toString gives (the route's output before it wrote shortest doubles). */
    private static final ObjectMapper PLAIN = Json.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void writes_the_bytes_jackson_writes_for_the_record() throws Exception {
        List<RerankService.Result> results = List.of(
                new RerankService.Result("u4", true, null, "learned", "v0002", List.of(
                        new RerankService.Ranked("p1", (double) 0.72345674f, 12.5, null, 3),
                        new RerankService.Ranked("q \"x\" é\n\u0001", (double) 0.1f, -1e-7, null, 0))),
                new RerankService.Result("ghost", false, "unknown_user", "base", "v0001", List.of(
                        new RerankService.Ranked("p2", 200, 200, null, 0))),
                new RerankService.Result("u1", true, null, "blend", "v0001", List.of(
                        new RerankService.Ranked("p3", 0.85, 1e300, 0.5000000000000001, 1),
                        new RerankService.Ranked("p4", 1.0E-5, 0, 0.0, 0))));
        for (RerankService.Result r : results) {
            String written = new String(RerankJson.write(r), StandardCharsets.UTF_8);
            assertEquals(jackson(r), written);
            JsonNode before = PLAIN.readTree(PLAIN.writeValueAsString(r));
            JsonNode now = PLAIN.readTree(written);
            for (int i = 0; i < r.candidates().size(); i++) {
                // a learned score reads back as the same float, other numbers as the same double
                assertEquals((float) before.get("candidates").get(i).get("score").asDouble(),
                        (float) now.get("candidates").get(i).get("score").asDouble());
                ((ObjectNode) before.get("candidates").get(i)).remove("score");
                ((ObjectNode) now.get("candidates").get(i)).remove("score");
            }
            assertEquals(before, now, "the same values as before");
        }
        // a learned score is the model's float, written as one: 0.1f, not the double 0.10000000149011612
        assertTrue(new String(RerankJson.write(results.get(0)), StandardCharsets.UTF_8)
                .contains("{\"postId\":\"p1\",\"score\":0.72345674,\"baseScore\":12.5,\"affinity\":null,\"baseRank\":3}"));
        assertTrue(new String(RerankJson.write(results.get(0)), StandardCharsets.UTF_8).contains("\"score\":0.1,\"baseScore\":-1.0E-7"));
        // the shortest form: JDK 17's Double.toString writes 1e23 as 9.999999999999999E22 (the same double)
        assertEquals("{\"userId\":\"u\",\"personalized\":true,\"reason\":null,\"strategy\":\"blend\",\"modelVersion\":\"v\","
                + "\"candidates\":[{\"postId\":\"p\",\"score\":0.002,\"baseScore\":1.0E23,\"affinity\":0.1,\"baseRank\":7}]}",
                new String(RerankJson.write(new RerankService.Result("u", true, null, "blend", "v",
                        List.of(new RerankService.Ranked("p", 0.002, 1e23, 0.1, 7)))), StandardCharsets.UTF_8));
        assertEquals("9.999999999999999E22", Double.toString(1e23));
    }

    @Test
    void well_formed_bodies_parse_in_one_pass_and_everything_else_as_before() {
        RerankJson.Request r = parse("{\"query\":\"bike\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":2},"
                + "{\"baseScore\":-1.5e2,\"postId\":\"p\\u00e9\"}],\"userId\":\"u\\\"1\"}");
        assertEquals("u\"1", r.userId());
        assertArrayEquals(new String[] {"p1", "pé"}, r.postIds());
        assertArrayEquals(new double[] {2, -150}, r.baseScores());
        assertEquals(0, parse("{\"userId\":\"u\",\"candidates\":[]}").postIds().length);
        // off the common path, the data-binding parser coerces nothing (a number is no id, a numeric string no score) ...
        assertRejected("{\"userId\":7,\"candidates\":[]}", "field 'userId': expected a string, got the number 7");
        assertRejected("{\"userId\":\"u\",\"candidates\":[{\"postId\":8,\"baseScore\":1}]}", "field 'candidates[0].postId': expected a string");
        assertRejected("{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":\"0.5\"}]}",
                "field 'candidates[0].baseScore': expected a number, got the string '0.5'");
        // ... and rejects what it always rejected, with messages in our words
        assertRejected("{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":\"high\"}]}", "field 'candidates[0].baseScore'");
        assertRejected("{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1,\"x\":1}]}",
                "unknown field 'x' in 'candidates[0]'");
        assertRejected("{\"userId\":\"u1\",\"candidates\":[]} {}", "more follows the request body's JSON value");
        assertRejected("{\"userId\":\"u1\",\"candidates\":[{", "malformed JSON at line 1 column");
        assertRejected("{\"candidates\":[]}", "fields 'userId' and 'candidates' are required");
        assertRejected("{\"userId\":\"u1\",\"candidates\":[null]}", "field 'candidates[0]': expected an object, got null");
        assertRejected("{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\"}]}", "candidates[0] needs postId and baseScore");
        assertRejected("", "request body is empty");
        assertRejected("null", "request body is null");
    }

    /** Jackson's serialization of the record, the learned scores as the floats they are. */
    private static String jackson(RerankService.Result r) throws Exception {
        ObjectNode tree = ApiApp.RESPONSES.valueToTree(r);
        if (r.strategy().equals(RerankService.LEARNED)) {
            for (JsonNode c : tree.get("candidates")) {
                ((ObjectNode) c).put("score", (float) c.get("score").asDouble());
            }
        }
        return ApiApp.RESPONSES.writeValueAsString(tree);
    }

    private static RerankJson.Request parse(String body) {
        return RerankJson.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(String body, String message) {
        try {
            parse(body);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(message), e.getMessage());
            return;
        }
        throw new AssertionError("accepted: " + body);
    }
}
