package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.train.PlantedMarket;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;

/** Every route against a real server and real model versions, including the error contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAppTest {

    private ApiFixture api;

    @BeforeAll
    void start() throws IOException {
        api = ApiFixture.shared();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Asserts the status and the error shape, and that the message contains {@code mentions}. */
    private static void assertError(HttpResponse<String> r, int status, String mentions) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.get("message").asText().contains(mentions), "message should mention '" + mentions + "': " + r.body());
    }

    @Test
    void health_and_model_info() {
        assertEquals(200, api.get("/health/live", null).statusCode());
        assertEquals("ready", json(api.get("/health/ready", null)).get("status").asText());
        JsonNode info = json(api.get("/v1/models/current", null));
        assertEquals("v0001", info.get("version").asText());
        assertTrue(info.get("metrics").has("user_post.roc_auc"));
    }

    @Test
    void recommendations_for_a_known_user_exclude_seen_posts_and_say_how_they_were_made() {
        JsonNode r = json(api.get("/v1/users/u4/recommendations?k=5", "recs"));
        assertEquals("embedding", r.get("strategy").asText());
        assertEquals(5, r.get("items").size());
        assertEquals("v0001", r.get("modelVersion").asText());
        Set<String> ids = new HashSet<>();
        r.get("items").forEach(i -> ids.add(i.get("id").asText()));
        assertEquals(5, ids.size(), "no duplicates");
        // user u4 has taste 0: planted engagement goes to posts of category 0
        long sameTaste = 0;
        for (JsonNode i : r.get("items")) {
            sameTaste += i.get("category").asInt() == 4 % PlantedMarket.CATEGORIES ? 1 : 0;
        }
        assertTrue(sameTaste >= 3, "most recommendations match the planted taste: " + r);
    }

    @Test
    void cold_start_users_get_fold_in_or_popular_items() {
        JsonNode popular = json(api.get("/v1/users/newcomer/recommendations?k=3&region=1", "recs"));
        assertEquals("popular", popular.get("strategy").asText());
        popular.get("items").forEach(i -> assertEquals(1, i.get("region").asInt()));
        JsonNode foldIn = json(api.get("/v1/users/newcomer/recommendations?k=3&recent=p2,p6", "recs"));
        assertEquals("fold_in", foldIn.get("strategy").asText());
        assertEquals(3, foldIn.get("items").size());
    }

    @Test
    void bad_parameters_are_400s_that_name_the_parameter() {
        assertError(api.get("/v1/users/u1/recommendations?k=0", "recs"), 400, "k must be in 1..200, got 0");
        assertError(api.get("/v1/users/u1/recommendations?k=1000000", "recs"), 400, "k must be in 1..200");
        assertError(api.get("/v1/users/u1/recommendations?k=ten", "recs"), 400, "k must be an integer");
        assertError(api.get("/v1/users/u1/recommendations?kind=car", "recs"), 400, "kind must be post or business");
        assertError(api.get("/v1/users/u1/recommendations?region=north", "recs"), 400, "region must be");
        assertError(api.get("/v1/nodes/planet/p1/similar", "recs"), 400, "kind");
        assertError(api.get("/v1/nodes/post/nope/similar", "recs"), 404, "'nope' is unknown");
        assertError(api.get("/v1/no/such/route", "recs"), 404, "no route");
    }

    @Test
    void keys_and_scopes_are_enforced() {
        assertError(api.get("/v1/users/u1/recommendations", null), 401, "missing X-API-Key");
        assertError(api.get("/v1/users/u1/recommendations", "wrong"), 401, "unknown API key");
        assertError(api.get("/v1/users/u1/recommendations", "search"), 403, "lacks scope 'recs'");
        assertError(api.post("/v1/admin/models/v0002/activate", "recs", ""), 403, "lacks scope 'admin'");
    }

    @Test
    void rerank_returns_every_candidate_once_and_falls_back_for_unknown_users() {
        StringBuilder body = new StringBuilder("{\"userId\":\"u4\",\"query\":\"bike\",\"candidates\":[");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = i < PlantedMarket.POSTS ? "p" + i : "external-" + i;
            sent.add(id);
            body.append(i == 0 ? "" : ",").append("{\"postId\":\"").append(id).append("\",\"baseScore\":").append(200 - i).append('}');
        }
        body.append("]}");
        HttpResponse<String> response = api.post("/v1/search/rerank", "search", body.toString());
        // one write with its length (a 200-candidate answer is bigger than Jetty's default 8 KB aggregation), not chunked
        assertEquals(Optional.of(Long.toString(response.body().getBytes(StandardCharsets.UTF_8).length)),
                response.headers().firstValue("Content-Length"));
        assertTrue(response.body().length() > 8192, "bigger than Jetty's default aggregation: " + response.body().length());
        JsonNode r = json(response);
        assertTrue(r.get("personalized").asBoolean());
        List<String> back = new ArrayList<>();
        r.get("candidates").forEach(c -> back.add(c.get("postId").asText()));
        assertEquals(new TreeSet<>(sent), new TreeSet<>(back));
        assertEquals(200, back.size());
        assertFalse(back.equals(sent), "personalization changes the order");

        JsonNode unknown = json(api.post("/v1/search/rerank", "search", body.toString().replace("\"u4\"", "\"ghost\"")));
        assertFalse(unknown.get("personalized").asBoolean());
        assertEquals("unknown_user", unknown.get("reason").asText());
        List<String> base = new ArrayList<>();
        unknown.get("candidates").forEach(c -> base.add(c.get("postId").asText()));
        assertEquals(sent, base, "unknown users keep the base order");
    }

    @Test
    void a_truncated_rerank_body_is_400_malformed_json() {
        assertError(api.post("/v1/search/rerank", "search", "{\"userId\": \"u1\", \"candidates\": [{"), 400, "malformed JSON");
    }

    @Test
    void a_rerank_base_score_that_is_not_a_number_names_the_field() {
        assertError(api.post("/v1/search/rerank", "search",
                "{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":\"high\"}]}"), 400, "candidates[0].baseScore");
    }

    @Test
    void a_duplicate_rerank_candidate_names_the_first_repeat() {
        assertError(api.post("/v1/search/rerank", "search",
                "{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1},{\"postId\":\"p1\",\"baseScore\":2}]}"),
                400, "'p1' appears twice");
        assertError(api.post("/v1/search/rerank", "search", "{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1},"
                + "{\"postId\":\"p2\",\"baseScore\":2},{\"postId\":\"p2\",\"baseScore\":3},{\"postId\":\"p1\",\"baseScore\":4}]}"),
                400, "candidates[2].postId 'p2' appears twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\\u2003", "\\t "})
    void a_blank_rerank_post_id_is_missing(String blank) {
        assertError(api.post("/v1/search/rerank", "search", "{\"userId\":\"u1\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1},"
                + "{\"postId\":\"" + blank + "\",\"baseScore\":2}]}"), 400, "candidates[1].postId is missing");
    }

    @Test
    void a_rerank_body_that_is_not_one_known_object_is_400() {
        assertError(api.post("/v1/search/rerank", "search", "{\"userId\":\"u1\",\"candidates\":[],\"extra\":1}"), 400, "unknown field 'extra'");
        assertError(api.post("/v1/search/rerank", "search", "[1,2]"), 400, "request body");
        assertError(api.post("/v1/search/rerank", "search", ""), 400, "request body is empty");
    }

    @Test
    void a_body_over_the_limit_is_413_naming_the_limit() throws IOException {
        // the 413 is decided on Content-Length, before any body is read: the headers alone get it. With the body
        // sent too, the client's write raced the server's close (a broken pipe instead of the 413 under load).
        String answer = api.headersOnly("POST /v1/search/rerank HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: search\r\n"
                + "Content-Type: application/json\r\nContent-Length: 204800\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("request body is 204800 bytes; the limit is 65536 bytes"), answer);
    }

    @Test
    void link_score_and_audience_bodies_name_the_bad_field() {
        assertError(api.post("/v1/links/score", "recs", "{\"pairs\": 7}"), 400, "pairs");
        assertError(api.post("/v1/audiences", "ads", "{\"target\":{\"type\":\"planet\"}}"), 400, "target.type must be one of");
        assertError(api.post("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]},\"limit\":0}"), 400, "limit in 1..1000");
        assertError(api.post("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\"zz\"]}}"), 404, "[zz]");
    }

    /** Every (junk body, POST route) pair on its own: a 4xx, never a 5xx. */
    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("junkBodies")
    void junk_bodies_never_cause_a_5xx(String junk, String path) {
        String key = path.contains("links") ? "recs" : path.contains("aud") ? "ads" : "search";
        int status = api.post(path, key, junk).statusCode();
        assertTrue(status >= 400 && status < 500, path + " " + junk + " -> " + status);
    }

    static Stream<Arguments> junkBodies() {
        return Stream.of("null", "{}", "{\"pairs\":[null]}", "{\"pairs\":[{}]}", "\"str\"", "{\"target\":null}")
                .flatMap(junk -> Stream.of("/v1/links/score", "/v1/audiences", "/v1/search/rerank").map(path -> Arguments.of(junk, path)));
    }

    @Test
    void link_scores_and_audiences() {
        JsonNode scores = json(api.post("/v1/links/score", "recs",
                "{\"pairs\":[{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"p8\"},"
                        + "{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"p9\"}]}"));
        double sameTaste = scores.get("scores").get(0).get("score").asDouble();
        double otherTaste = scores.get("scores").get(1).get("score").asDouble();
        assertTrue(sameTaste > otherTaste, "p8 matches u4's planted taste, p9 does not: " + scores);
        assertError(api.post("/v1/links/score", "recs",
                "{\"pairs\":[{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"nope\"}]}"), 404, "pairs[0].targetId=nope");

        JsonNode lookalike = json(api.post("/v1/audiences", "ads",
                "{\"target\":{\"type\":\"users\",\"ids\":[\"u0\",\"u4\"]},\"limit\":10}"));
        assertEquals("lookalike_cosine", lookalike.get("scoring").asText());
        assertEquals(10, lookalike.get("users").size());
        int sameTaste0 = 0;
        for (JsonNode u : lookalike.get("users")) {
            sameTaste0 += Integer.parseInt(u.get("userId").asText().substring(1)) % PlantedMarket.CATEGORIES == 0 ? 1 : 0;
        }
        assertTrue(sameTaste0 >= 8, "lookalikes of taste-0 users share the taste: " + lookalike);

        JsonNode posts = json(api.post("/v1/audiences", "ads",
                "{\"target\":{\"type\":\"posts\",\"ids\":[\"p8\"]},\"regions\":[2],\"minScore\":0.0,\"limit\":5,\"offset\":1}"));
        assertEquals("link_model:user_post", posts.get("scoring").asText());
        posts.get("users").forEach(u -> assertEquals(2, u.get("region").asInt()));
        assertTrue(posts.get("audienceSize").asInt() >= posts.get("users").size());
    }

    @Test
    void graph_audiences_answer_503_while_neo4j_is_down_and_the_rest_keeps_serving() {
        assertError(api.post("/v1/audiences", "ads", "{\"source\":\"graph\",\"target\":{\"type\":\"business\",\"ids\":[\"b1\"]}}"),
                503, "keep working");
        assertEquals(200, api.post("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]}}").statusCode());
        assertEquals(200, api.get("/v1/users/u1/recommendations?k=3", "recs").statusCode());
        assertError(api.post("/v1/audiences", "ads", "{\"source\":\"sql\",\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]}}"),
                400, "source must be embeddings or graph");
    }

    @Test
    void activation_validates_before_switching_and_rollback_returns() throws IOException {
        assertError(api.post("/v1/admin/models/v0042/activate", "admin", ""), 409, "v0001 keeps serving");
        // a corrupt copy of v0002 registered as v0003: its ANN index is truncated
        Path v2 = api.registryDir.resolve("models/v0002");
        Path v3 = api.registryDir.resolve("models/v0003");
        io.marketgraph.linkpred.train.TrainLinksJobAccess.copyTree(v2, v3);
        Path ann = v3.resolve("ann/post.ivf");
        byte[] bytes = Files.readAllBytes(ann);
        Files.delete(ann);
        Files.write(ann, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertError(api.post("/v1/admin/models/v0003/activate", "admin", ""), 409, "not a complete ANN index");
        assertEquals("v0001", json(api.get("/v1/models/current", null)).get("version").asText());

        assertEquals("v0002", json(api.post("/v1/admin/models/v0002/activate", "admin", "")).get("version").asText());
        assertEquals("v0002", json(api.get("/v1/users/u4/recommendations?k=2", "recs")).get("modelVersion").asText());
        assertEquals("v0001", json(api.post("/v1/admin/models/rollback", "admin", "")).get("version").asText());
        assertEquals("v0001", new io.marketgraph.registry.ModelRegistry(api.registryDir).current().orElseThrow());
    }

    @Test
    void metrics_and_openapi_cover_every_route() throws IOException {
        api.get("/v1/users/u1/recommendations?k=2", "recs");
        String metrics = api.get("/metrics", null).body();
        assertTrue(metrics.contains("marketgraph_http_requests_total{method=\"GET\",route=\"/v1/users/{userId}/recommendations\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("marketgraph_http_request_seconds_bucket{route=\"/v1/users/{userId}/recommendations\",le=\"+Inf\"}"));
        assertTrue(metrics.contains("marketgraph_model_info{version=\""));

        JsonNode doc = json(api.get("/openapi.json", null));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        for (ApiApp.Route r : ApiApp.routes(ApiServices.create(api.models, 8, java.util.Optional.empty()))) {
            if (!r.path().equals("/docs")) {
                served.add(r.method() + " " + r.path());
            }
        }
        assertEquals(served, documented);
        assertTrue(api.get("/docs", null).body().contains("\"/openapi.json\""));
    }

    @Test
    void metrics_come_from_micrometer_with_the_jvm_jetty_and_per_route_histograms() throws IOException {
        api.post("/v1/search/rerank", "search", "{\"userId\":\"u4\",\"candidates\":[{\"postId\":\"p8\",\"baseScore\":1}]}");
        api.post("/v1/search/rerank", "search", "{\"userId\":\"u4\",\"candidates\":[]}");
        HttpResponse<String> response = api.get("/metrics", null);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), response.headers().toString());
        String metrics = response.body();
        for (String series : List.of("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads",
                "jetty_threads_busy", "jetty_threads_config_max", "process_uptime_seconds",
                "marketgraph_model_swaps_total", "marketgraph_model_swap_refusals_total")) {
            assertTrue(metrics.contains(series), series + " in " + metrics);
        }
        String rerank = "route=\"/v1/search/rerank\"";
        long buckets = metrics.lines().filter(l -> l.startsWith("marketgraph_http_request_seconds_bucket{" + rerank)).count();
        assertEquals(13, buckets, "12 fixed buckets and +Inf: " + metrics);
        assertTrue(metrics.contains("marketgraph_http_request_seconds_bucket{" + rerank + ",le=\"0.001\"}"), metrics);
        assertTrue(metrics.contains("marketgraph_http_requests_total{method=\"POST\"," + rerank + ",status=\"400\"} 1"), metrics);
        assertTrue(metrics.contains("marketgraph_model_info{version=\"v0001\"} 1"), metrics);

        double refusals = counter(metrics, "marketgraph_model_swap_refusals_total");
        double swaps = counter(metrics, "marketgraph_model_swaps_total");
        assertTrue(swaps >= 1, "the first load counts: " + swaps);
        assertEquals(409, api.post("/v1/admin/models/v0042/activate", "admin", "").statusCode());
        String after = api.get("/metrics", null).body();
        assertEquals(refusals + 1, counter(after, "marketgraph_model_swap_refusals_total"), 0.0);
        assertEquals(swaps, counter(after, "marketgraph_model_swaps_total"), 0.0);
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing: " + metrics));
    }

    @Test
    void docs_page_renders_the_openapi_document_with_swagger_ui_from_its_webjar() throws IOException {
        String page = api.get("/docs", null).body();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/webjars/swagger-ui/[0-9.]+/swagger-ui\\.css)\"").matcher(page);
        java.util.regex.Matcher js = java.util.regex.Pattern.compile("src=\"(/webjars/swagger-ui/[0-9.]+/swagger-ui-bundle\\.js)\"").matcher(page);
        assertTrue(css.find() && js.find(), page);
        assertTrue(page.contains("url: \"/openapi.json\""), page);
        for (String asset : List.of(css.group(1), js.group(1))) {
            HttpResponse<String> served = api.get(asset, null);
            assertEquals(200, served.statusCode(), asset);
            assertTrue(served.body().length() > 100_000, asset + " is the real asset");
        }
    }

    @Test
    void every_openapi_operation_names_its_scope_and_its_examples_are_answered_with_the_fields_they_show() throws IOException {
        JsonNode doc = json(api.get("/openapi.json", null));
        int sent = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            for (var operation : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                JsonNode op = operation.getValue();
                String scope = op.path("x-scope").asText("");
                assertTrue(Set.of("public", "recs", "ads", "search", "ingest", "admin").contains(scope), where + " names its scope: " + scope);
                assertTrue(op.path("description").asText().startsWith(scope.equals("public") ? "Public" : "Scope: `" + scope + "`"), where);
                JsonNode content = op.path("responses").path("200").path("content");
                assertTrue(content.size() == 1 && content.elements().next().has("example"), where + " has a response example");
                JsonNode example = content.elements().next().get("example");
                // ingest examples change what the shared fixture serves: IngestApiTest sends them to a fixture of its own
                if (!content.has("application/json") || path.getKey().equals("/openapi.json") || scope.equals("ingest")) {
                    continue;
                }
                String uri = path.getKey();
                StringBuilder query = new StringBuilder();
                for (JsonNode param : op.path("parameters")) {
                    if (!param.has("example")) {   // an optional parameter may be left out of the example request
                        assertFalse(param.path("required").asBoolean(), where + " parameter " + param.get("name") + " has an example");
                        continue;
                    }
                    String value = param.get("example").asText();
                    if (param.get("in").asText().equals("path")) {
                        uri = uri.replace("{" + param.get("name").asText() + "}", value);
                    } else {
                        query.append(query.length() == 0 ? "?" : "&").append(param.get("name").asText()).append('=').append(value);
                    }
                }
                String key = scope.equals("public") ? null : scope;
                JsonNode body = op.path("requestBody").path("content").path("application/json").path("example");
                assertEquals(op.has("requestBody"), !body.isMissingNode(), where + " has a request example");
                HttpResponse<String> answer = operation.getKey().equals("get") ? api.get(uri + query, key)
                        : api.post(uri + query, key, body.isMissingNode() ? "" : body.toString());
                assertEquals(200, answer.statusCode(), where + ": " + answer.body());
                assertSameFields(where, example, json(answer));
                sent++;
            }
        }
        assertEquals(10, sent, "every JSON operation but /openapi.json itself was sent");
        assertEquals("v0001", json(api.get("/v1/models/current", null)).get("version").asText(), "activate then rollback examples");
    }

    /** The answer has the example's fields, and so do the first elements of its arrays of objects. */
    private static void assertSameFields(String where, JsonNode example, JsonNode answer) {
        Set<String> expected = new TreeSet<>();
        example.fieldNames().forEachRemaining(expected::add);
        Set<String> actual = new TreeSet<>();
        answer.fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual, where + ": " + answer);
        example.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            JsonNode got = answer.get(field.getKey());
            if (value.isArray() && value.size() > 0 && value.get(0).isObject() && got.size() > 0) {
                assertSameFields(where + " " + field.getKey() + "[0]", value.get(0), got.get(0));
            }
        });
    }
}
