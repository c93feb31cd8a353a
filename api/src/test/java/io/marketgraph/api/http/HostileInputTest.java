package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile and careless requests against a real server on a free port (issue #20), by class:
 * framing, methods, HEAD, headers, encodings, types, nulls, sizes, leaks. Every case asserts the
 * status, the {@code {status, error, message}} shape (exactly those three fields, JSON) and the
 * message, and that the server still serves afterwards. The totals are printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String RECS = "/v1/users/u4/recommendations";
    private static final List<String> BODY_ROUTES = List.of("/v1/links/score", "/v1/audiences", "/v1/search/rerank");

    private ApiFixture api;
    private RawHttp raw;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @BeforeAll
    void start() throws IOException {
        api = ApiFixture.shared();
        raw = new RawHttp(api.app.port());
    }

    @AfterAll
    void totals() {
        System.out.printf("HostileInputTest: %d cases, statuses %s%n", statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses);
    }

    private static String keyFor(String path) {
        return path.contains("links") ? "recs" : path.contains("aud") ? "ads" : "search";
    }

    /** One case: the status, our error shape, the message; then the server must still answer. */
    private void expect(String request, int status, String mentions) {
        expect(raw.send(request), status, mentions);
    }

    private void expect(RawHttp.Response r, int status, String mentions) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), "JSON, not " + r.header("Content-Type") + ": " + r.body());
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
        assertEquals(new TreeSet<>(List.of("status", "error", "message")), fields(body), r.body());
        assertEquals(status, body.get("status").asInt(), r.body());
        assertFalse(body.get("error").asText().isBlank(), r.body());
        assertTrue(body.get("message").asText().contains(mentions), "message should mention '" + mentions + "': " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("io.marketgraph") || r.body().contains("<html"), r.body());
        count(status);
        assertServes();
    }

    private void count(int status) {
        statuses.merge(status, 1, Integer::sum);
    }

    private static TreeSet<String> fields(JsonNode body) {
        TreeSet<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertServes() {
        assertEquals(200, raw.send(RawHttp.request("GET", "/health/live", "", "")).status(), "the server still serves");
    }

    @Test
    void framing_errors_reading_a_body_are_400s_counted_as_4xx() {
        for (String path : BODY_ROUTES) {
            String head = "X-API-Key: " + keyFor(path) + "\r\nContent-Type: application/json\r\n";
            byte[] shortBody = RawHttp.request("POST", path, head + "Content-Length: 100\r\n", "{\"userId\":").getBytes(StandardCharsets.UTF_8);
            expect(raw.send(shortBody, true), 400, "request body could not be read");
            expect(RawHttp.request("POST", path, head + "Transfer-Encoding: chunked\r\n", "ZZ\r\nabc\r\n0\r\n\r\n"), 400,
                    "request body could not be read");
            expect(RawHttp.request("POST", path, head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400,
                    "Transfer-Encoding and Content-Length");
        }
        expect(RawHttp.request("POST", "/v1/links/score", "X-API-Key: recs\r\nContent-Length: abc\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("POST", "/v1/links/score", "X-API-Key: recs\r\nContent-Length: 2\r\nContent-Length: 3\r\n", "{}"), 400,
                "malformed HTTP request");
        String metrics = raw.send(RawHttp.request("GET", "/metrics", "", "")).body();
        assertTrue(metrics.contains("marketgraph_http_requests_total{method=\"POST\",route=\"/v1/links/score\",status=\"400\"}"), metrics);
        assertFalse(metrics.contains("status=\"500\"") || metrics.contains("status=\"505\""), "no 5xx for client faults: " + metrics);
    }

    @Test
    void a_body_that_stops_arriving_is_a_408_after_the_idle_timeout() {
        ServerConnector connector = (ServerConnector) api.app.jettyServer().server().getConnectors()[0];
        long idle = connector.getIdleTimeout();
        connector.setIdleTimeout(500);   // for connections opened from now on
        try {
            expect(RawHttp.request("POST", "/v1/links/score", "X-API-Key: recs\r\nContent-Type: application/json\r\nContent-Length: 100\r\n",
                    "{\"pairs\":"), 408, "stopped arriving");
            expect(RawHttp.request("POST", "/v1/search/rerank", "X-API-Key: search\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n", "5\r\n{\"use"), 408, "stopped arriving");
        } finally {
            connector.setIdleTimeout(idle);
        }
    }

    @Test
    void every_method_is_authorized_before_routing_and_unknown_methods_are_405_with_allow() {
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
            expect(RawHttp.request(method, RECS, "", ""), 401, "missing X-API-Key");
            expect(RawHttp.request(method, RECS, "X-API-Key: wrong\r\n", ""), 401, "unknown API key");
            expect(RawHttp.request(method, RECS, "X-API-Key: search\r\n", ""), 403, "lacks scope 'recs'");
            RawHttp.Response allowed = raw.send(RawHttp.request(method, RECS, "X-API-Key: recs\r\n", ""));
            assertEquals("GET, HEAD", allowed.header("Allow"), method);
            expect(allowed, 405, "method " + method + " is not allowed on /v1/users/{userId}/recommendations");
            RawHttp.Response post = raw.send(RawHttp.request(method, "/v1/search/rerank", "X-API-Key: search\r\n", ""));
            assertEquals("POST", post.header("Allow"), method);
            expect(post, 405, "it serves POST");
        }
        expect(RawHttp.request("GET", "/v1/search/rerank", "X-API-Key: search\r\n", ""), 405, "it serves POST");
        expect(RawHttp.request("GET", "/v1/admin/models/rollback", "", ""), 401, "missing X-API-Key");
        expect(RawHttp.request("DELETE", "/health/live", "", ""), 405, "it serves GET, HEAD");
        expect(RawHttp.request("FOO", "/v1/no/such/route", "", ""), 404, "no route FOO /v1/no/such/route");
        // spellings of a protected path: either the key is checked or no route runs at all
        for (String path : List.of(RECS + "/", "http://127.0.0.1" + RECS, "/v1/users/u%2F4/recommendations", "/v1/admin/models/rollback/")) {
            expect(RawHttp.request("GET", path, "", ""), 401, "missing X-API-Key");
        }
        for (String path : List.of(RECS + ";x", "/v1/users/u4/recommendation%73", "/v1//users/u4/recommendations",
                "/v1/users/x/../u4/recommendations", "/v1/admin/%6Dodels/rollback")) {
            expect(RawHttp.request("POST", path, "Content-Length: 0\r\n", ""), 404, "no route POST");
        }
        expect("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, "no such resource");
    }

    @Test
    void head_needs_the_key_and_scope_of_its_get() {
        assertEquals(401, head(RECS + "?k=2", null).status());
        assertEquals(401, head(RECS, "wrong").status());
        assertEquals(403, head(RECS, "search").status());
        assertEquals(403, head("/v1/nodes/post/p1/similar", "ads").status());
        RawHttp.Response ok = head(RECS + "?k=2", "recs");
        assertEquals(200, ok.status());
        assertEquals("", ok.body(), "HEAD has no body");
        assertTrue(ok.header("Content-Type").startsWith("application/json"));
        assertEquals(404, head("/v1/nodes/post/nope/similar", "recs").status(), "the GET's status");
        assertEquals(200, head("/health/live", null).status());
    }

    private RawHttp.Response head(String target, String key) {
        RawHttp.Response r = raw.send(RawHttp.request("HEAD", target, key == null ? "" : "X-API-Key: " + key + "\r\n", ""));
        count(r.status());
        assertServes();
        return r;
    }

    @Test
    void malformed_headers_and_request_lines_are_json_4xx() {
        expect(RawHttp.request("GET", "/health/live", "X-Junk: a\0b\r\n", ""), 400, "Illegal character");
        expect(RawHttp.request("GET", "/health/live", "X-Junk: a\rb\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("GET", "/health/live", "no colon here\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("GET", "/health/live", "X-Junk: " + "a".repeat(100_000) + "\r\n", ""), 431, "headers are larger");
        expect("GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n", 400, "unsupported HTTP version");
        expect("GARBAGE\r\n\r\n", 400, "malformed HTTP request");
        expect(RawHttp.request("GET", RECS, "X-API-Key: " + "k".repeat(6000) + "\r\n", ""), 401, "unknown API key");
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=latin-1", "application/json; charset=utf-16")) {
            String head = "X-API-Key: recs\r\nContent-Type: " + type + "\r\nContent-Length: 2\r\n";
            expect(RawHttp.request("POST", "/v1/links/score", head, "{}"), 415, "application/json");
        }
        expect(RawHttp.request("POST", "/v1/links/score", "X-API-Key: recs\r\nContent-Length: 2\r\n", "{}"), 415, "got none");
        expect(RawHttp.request("POST", "/v1/links/score", "Content-Type: text/plain\r\nContent-Length: 2\r\n", "{}"), 401,
                "missing X-API-Key");
    }

    @Test
    void bad_encodings_in_the_path_the_query_and_the_body_are_400s() {
        expect(RawHttp.request("GET", "/v1/users/%zz/recommendations", "X-API-Key: recs\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("GET", "/v1/users/%ED%A0%80/recommendations", "X-API-Key: recs\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("GET", "/v1/users/%C0%AF/recommendations", "X-API-Key: recs\r\n", ""), 400, "malformed HTTP request");
        expect(RawHttp.request("GET", "/health/live?" + "a".repeat(100_000), "", ""), 414, "URI is longer");
        byte[] latin1 = RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[{\"userId\":\"u?\"}]}").getBytes(StandardCharsets.UTF_8);
        latin1[latin1.length - 6] = (byte) 0xFF;   // the '?': not UTF-8
        expect(raw.send(latin1, false), 400, "malformed JSON");
        String lone = "\\ud800";
        expect(RawHttp.postJson("/v1/search/rerank", "search", "{\"userId\":\"" + lone + "\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1}]}"),
                400, "field 'userId': not valid UTF-16: an unpaired surrogate \\uD800 at index 0");
        expect(RawHttp.postJson("/v1/search/rerank", "search", "{\"userId\":\"u4\",\"candidates\":[{\"postId\":\"p" + lone + "\",\"baseScore\":1}]}"),
                400, "field 'candidates[0].postId': not valid UTF-16");
        expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\",\"\\udc00x\"]}}"),
                400, "field 'target.ids[1]': not valid UTF-16");
        expect(RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[{\"userId\":\"" + lone + "\",\"targetKind\":\"POST\",\"targetId\":\"p1\"}]}"),
                400, "field 'pairs[0].userId': not valid UTF-16");
        // a valid pair of surrogates is a character like any other: an unknown user, not a refusal
        assertEquals(200, raw.send(RawHttp.postJson("/v1/search/rerank", "search",
                "{\"userId\":\"\\ud83d\\ude00\",\"candidates\":[{\"postId\":\"p1\",\"baseScore\":1}]}")).status());
    }

    @Test
    void wrong_types_are_400s_naming_the_field_and_the_expected_type() {
        String users = "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]}";
        Map<String, String> audiences = new TreeMap<>(Map.of(
                users + ",\"size\":1.7}", "field 'size': expected an integer, got the number 1.7",
                users + ",\"size\":\"5\"}", "field 'size': expected an integer, got the string '5'",
                users + ",\"excludeFollowers\":\"true\"}", "field 'excludeFollowers': expected true or false, got the string 'true'",
                users + ",\"minScore\":\"0.5\"}", "field 'minScore': expected a number, got the string '0.5'",
                users + ",\"offset\":true}", "field 'offset': expected an integer, got true",
                users + ",\"regions\":\"1\"}", "field 'regions': expected an array, got the string '1'",
                users + ",\"size\":99999999999}", "field 'size': expected an integer, got the number 99999999999, which is out of its range",
                "{\"target\":\"users\"}", "field 'target': expected an object, got the string 'users'",
                users + ",\"size\":5,\"size\":6}", "duplicate field 'size'",
                users + ",\"sizes\":5}", "unknown field 'sizes'"));
        audiences.forEach((body, message) -> expect(RawHttp.postJson("/v1/audiences", "ads", body), 400, message));
        String pair = "{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"p8\"}";
        Map<String, String> links = Map.of(
                "[]", "request body: expected an object, got an array",
                "\"pairs\"", "request body: expected an object, got the string 'pairs'",
                "{\"pairs\":{}}", "field 'pairs': expected an array, got an object",
                "{\"pairs\":[7]}", "field 'pairs[0]': expected an object, got the number 7",
                "{\"pairs\":[{\"userId\":5,\"targetKind\":\"POST\",\"targetId\":\"p8\"}]}", "field 'pairs[0].userId': expected a string, got the number 5",
                "{\"pairs\":[" + pair + "]} {}", "more follows the request body's JSON value",
                "{\"pairs\":[" + pair.replace("}", ",\"userId\":\"u5\"}") + "]}", "duplicate field 'userId'",
                "[".repeat(5000) + "]".repeat(5000), "request body: expected an object");
        links.forEach((body, message) -> expect(RawHttp.postJson("/v1/links/score", "recs", body), 400, message));
        String candidates = "{\"userId\":\"u4\",\"candidates\":[";
        Map<String, String> rerank = Map.of(
                candidates + "{\"postId\":7,\"baseScore\":1}]}", "field 'candidates[0].postId': expected a string, got the number 7",
                candidates + "{\"postId\":\"p1\",\"baseScore\":\"0.5\"}]}", "field 'candidates[0].baseScore': expected a number, got the string '0.5'",
                candidates + "{\"postId\":\"p1\",\"baseScore\":true}]}", "field 'candidates[0].baseScore': expected a number, got true",
                candidates + "{\"postId\":\"p1\",\"baseScore\":1e999}]}", "candidates[0].baseScore must be a finite number",
                "{\"userId\":7,\"candidates\":[]}", "field 'userId': expected a string, got the number 7",
                "{\"userId\":\"u4\",\"userId\":\"u5\",\"candidates\":[]}", "duplicate field 'userId'",
                candidates + "{\"postId\":\"p1\",\"postId\":\"p2\",\"baseScore\":1}]}", "duplicate field 'postId'");
        rerank.forEach((body, message) -> expect(RawHttp.postJson("/v1/search/rerank", "search", body), 400, message));
    }

    @Test
    void nulls_are_400s_naming_the_field_on_both_audience_sources() {
        for (String source : List.of("", ",\"source\":\"graph\"")) {
            String users = "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]}" + source;
            expect(RawHttp.postJson("/v1/audiences", "ads", users + ",\"regions\":[1,null]}"), 400, "field 'regions[1]': expected an integer, got null");
            expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[null]}" + source + "}"), 400,
                    "field 'target.ids[0]': expected a string, got null");
            expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\" \"]}" + source + "}"), 400,
                    "target.ids[0] must be a non-blank id");
            expect(RawHttp.postJson("/v1/audiences", "ads", users + ",\"size\":-5}"), 400, "size must be in 1..2000, got -5");
            expect(RawHttp.postJson("/v1/audiences", "ads", users + ",\"minScore\":7}"), 400, "minScore must be in [0, 1], got 7.0");
            expect(RawHttp.postJson("/v1/audiences", "ads", users + ",\"limit\":0}"), 400, "limit in 1..1000");
            expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":null" + source + "}"), 400, "target.type");
        }
        expect(RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[null]}"), 400, "field 'pairs[0]': expected an object, got null");
        expect(RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[{\"userId\":null,\"targetKind\":\"POST\",\"targetId\":\"p8\"}]}"),
                400, "pairs[0] needs userId, targetKind and targetId");
        expect(RawHttp.postJson("/v1/search/rerank", "search", "{\"userId\":\"u4\",\"candidates\":[null]}"), 400,
                "field 'candidates[0]': expected an object, got null");
        expect(RawHttp.postJson("/v1/search/rerank", "search", "{\"userId\":null,\"candidates\":[]}"), 400, "'userId' and 'candidates' are required");
        for (String path : BODY_ROUTES) {
            expect(RawHttp.postJson(path, keyFor(path), "null"), 400, "request body is null");
        }
    }

    @Test
    void sizes_out_of_bounds_are_400s_or_413s() {
        for (String k : List.of("0", "201", "-1", "99999999999", "1.5")) {
            expect(RawHttp.request("GET", RECS + "?k=" + k, "X-API-Key: recs\r\n", ""), 400, "k must be");
        }
        String pair = "{\"userId\":\"u4\",\"targetKind\":\"POST\",\"targetId\":\"p8\"}";
        expect(RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[" + (pair + ",").repeat(1000) + pair + "]}"), 400, "pairs must hold 1..1000 entries, got 1001");
        expect(RawHttp.postJson("/v1/links/score", "recs", "{\"pairs\":[]}"), 400, "pairs must hold 1..1000 entries, got 0");
        StringBuilder candidates = new StringBuilder("{\"userId\":\"u4\",\"candidates\":[");
        for (int i = 0; i <= 500; i++) {
            candidates.append(i == 0 ? "" : ",").append("{\"postId\":\"x").append(i).append("\",\"baseScore\":1}");
        }
        expect(RawHttp.postJson("/v1/search/rerank", "search", candidates + "]}"), 400, "candidates must hold 1..500 entries, got 501");
        expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":{\"type\":\"posts\",\"ids\":[" + "\"p1\",".repeat(10) + "\"p2\"]}}"),
                400, "target.ids must hold 1..10 ids");
        expect(RawHttp.postJson("/v1/audiences", "ads", "{\"target\":{\"type\":\"users\",\"ids\":[\"u1\"]},\"limit\":1001}"), 400, "limit in 1..1000");
        for (String path : BODY_ROUTES) {
            expect(RawHttp.postJson(path, keyFor(path), ""), 400, "request body is empty");
            expect(RawHttp.postJson(path, keyFor(path), "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413, "limit is 65536 bytes");
            String chunk = Integer.toHexString(70_000) + "\r\n" + "x".repeat(70_000) + "\r\n0\r\n\r\n";
            expect(RawHttp.request("POST", path, "X-API-Key: " + keyFor(path) + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n", chunk), 413, "limit of 65536 bytes");
        }
    }

    @Test
    void no_response_shows_a_server_path_or_a_neo4j_uri() {
        String registry = api.registryDir.toString();
        RawHttp.Response info = raw.send(RawHttp.request("GET", "/v1/models/current", "", ""));
        assertEquals(200, info.status());
        assertFalse(info.body().contains(registry) || info.body().contains("/tmp") || info.body().contains("\"/"), info.body());
        expect(RawHttp.request("POST", "/v1/admin/models/v0042/activate", "X-API-Key: admin\r\n", ""), 409, "v0001 keeps serving");
        RawHttp.Response missing = raw.send(RawHttp.request("POST", "/v1/admin/models/v0042/activate", "X-API-Key: admin\r\n", ""));
        assertFalse(missing.body().contains(registry) || missing.body().contains("/tmp/"), missing.body());
        RawHttp.Response down = raw.send(RawHttp.postJson("/v1/audiences", "ads",
                "{\"source\":\"graph\",\"target\":{\"type\":\"business\",\"ids\":[\"b1\"]}}"));
        expect(down, 503, "Neo4j is unavailable");
        assertFalse(down.body().contains("bolt:") || down.body().contains("127.0.0.1"), down.body());
    }
}
