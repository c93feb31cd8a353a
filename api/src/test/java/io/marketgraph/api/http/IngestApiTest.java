package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.ingest.IngestLog;
import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.io.Json;
import io.marketgraph.io.Timestamps;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real-time ingest against a real server on a registry of its own (ingest changes what a server
 * answers, so the shared fixture stays untouched). The planted market: user uN lives in region N mod 3
 * and likes category N mod 4; post pN is in region N mod 3, category N mod 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestApiTest {

    private Path tmp;
    private ApiFixture api;

    @BeforeAll
    void start() throws IOException {
        tmp = Files.createTempDirectory("ingest-api");
        api = new ApiFixture(tmp, 2);
    }

    @AfterAll
    void stop() throws IOException {
        api.close();
        try (Stream<Path> paths = Files.walk(tmp)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static String post(String id, String sellerKind, String seller, int category, int region, String status) {
        return String.format("{\"postId\":\"%s\",\"sellerKind\":\"%s\",\"sellerId\":\"%s\",\"categoryId\":\"%d\",\"regionId\":\"%d\","
                + "\"title\":\"t\",\"price\":50.0,\"createdAt\":\"%s\",\"status\":\"%s\"}", id, sellerKind, seller, category, region,
                Instant.now().minusSeconds(5), status);
    }

    private static String event(String id, String user, String action, String kind, String target) {
        return String.format("{\"event_id\":\"%s\",\"ts\":%d,\"user_id\":\"%s\",\"action\":\"%s\",\"target_kind\":\"%s\",\"target_id\":\"%s\"}",
                id, System.currentTimeMillis() - 1000, user, action, kind, target);
    }

    private static String events(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    private List<String> recommended(ApiFixture server, String user, int k) {
        HttpResponse<String> r = server.get("/v1/users/" + user + "/recommendations?k=" + k, "recs");
        assertEquals(200, r.statusCode(), r.body());
        return ids(json(r).get("items"));
    }

    private List<String> similar(ApiFixture server, String post, int k) {
        HttpResponse<String> r = server.get("/v1/nodes/post/" + post + "/similar?k=" + k, "recs");
        assertEquals(200, r.statusCode(), r.body());
        return ids(json(r).get("neighbours"));
    }

    /** One request of a hammering client: when it started and what it got. */
    private record Seen(long startedNanos, String path, int status, String body) {}

    @Test
    @Order(1)
    void a_listed_post_is_recommended_at_once_and_once_sold_is_gone_from_every_answer_while_clients_hammer() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int c = 0; c < 3; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String path = switch ((i + client) % 3) {
                        case 0 -> "/v1/users/u" + (i % 60) + "/recommendations?k=20";
                        case 1 -> "/v1/nodes/post/p" + (9 + 12 * (i % 3)) + "/similar?k=20";
                        default -> "/v1/users/u9/recommendations?k=20";
                    };
                    long started = System.nanoTime();
                    HttpResponse<String> r = api.get(path, "recs");
                    seen.add(new Seen(started, path, r.statusCode(), r.body()));
                }
                return null;
            });
        }
        try {
            // u9: region 0, likes category 1; the new post is in region 0, category 1, sold by u1 (who likes category 1 too)
            HttpResponse<String> created = api.post("/v1/posts", "ingest", post("bike-1", "USER", "u1", 1, 0, "ACTIVE"));
            long listedAt = System.nanoTime();
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("created", json(created).get("outcome").asText());
            assertEquals("seller+region_category", json(created).get("vectorFrom").asText());
            HttpResponse<String> recs = api.get("/v1/users/u9/recommendations?k=20", "recs");
            long servedAfterMillis = (System.nanoTime() - listedAt) / 1_000_000;
            JsonNode items = json(recs).get("items");
            assertTrue(ids(items).contains("bike-1"), "the new post is recommended to u9: " + recs.body());
            assertTrue(servedAfterMillis < 1000, "served " + servedAfterMillis + " ms after listing");
            assertEquals("bike-1", items.get(1).get("id").asText(), "the first live slot is the second: " + recs.body());
            assertTrue(items.get(1).get("live").asBoolean());
            assertFalse(items.get(0).has("live"), "model items carry no live marker: " + recs.body());
            assertEquals(20, items.size());
            assertTrue(similar(api, "p9", 10).contains("bike-1"), "a related post of p9 (region 0, category 1)");

            HttpResponse<String> sold = api.patch("/v1/posts/bike-1", "ingest", "{\"status\":\"SOLD\"}");
            long soldAt = System.nanoTime();
            assertEquals(200, sold.statusCode(), sold.body());
            assertEquals("SOLD", json(sold).get("status").asText());
            assertEquals("updated", json(sold).get("outcome").asText());
            for (int u = 0; u < 60; u++) {
                assertFalse(recommended(api, "u" + u, 20).contains("bike-1"), "u" + u);
            }
            for (String p : List.of("p9", "p21", "p33")) {
                assertFalse(similar(api, p, 20).contains("bike-1"), p);
            }
            for (String audience : List.of("{\"target\":{\"type\":\"category\",\"category\":1},\"limit\":100}",
                    "{\"target\":{\"type\":\"posts\",\"ids\":[\"p9\"]},\"limit\":100}")) {
                HttpResponse<String> r = api.post("/v1/audiences", "ads", audience);
                assertEquals(200, r.statusCode(), r.body());
                assertFalse(r.body().contains("bike-1"), r.body());
            }
            Thread.sleep(200);   // let the hammering clients answer a few more after the checks above
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            List<Seen> after;
            synchronized (seen) {
                after = seen.stream().filter(s -> s.startedNanos() > soldAt).toList();
                assertTrue(seen.stream().anyMatch(s -> s.startedNanos() > listedAt && s.startedNanos() < soldAt
                        && s.body().contains("bike-1")), "while ACTIVE, the hammering clients were served it too");
            }
            assertTrue(after.size() >= 20, "hammered after the PATCH returned: " + after.size());
            for (Seen s : after) {
                assertEquals(200, s.status(), s.path() + ": " + s.body());
                assertFalse(s.body().contains("bike-1"), "started after SOLD returned: " + s.path() + " -> " + s.body());
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void a_graph_post_that_is_not_active_leaves_recommendations_similar_posts_and_audience_seeds() {
        assertTrue(recommended(api, "u9", 20).contains("p21") || similar(api, "p9", 20).contains("p21"), "p21 is served before");
        HttpResponse<String> hidden = api.patch("/v1/posts/p21", "ingest", "{\"status\":\"HIDDEN\"}");
        assertEquals(200, hidden.statusCode(), hidden.body());
        assertEquals("model", json(hidden).get("vectorFrom").asText());
        for (int u = 0; u < 60; u += 3) {
            assertFalse(recommended(api, "u" + u, 20).contains("p21"), "u" + u);
        }
        assertFalse(similar(api, "p9", 39).contains("p21"));
        HttpResponse<String> seeded = api.post("/v1/audiences", "ads", "{\"target\":{\"type\":\"posts\",\"ids\":[\"p9\",\"p21\"]}}");
        assertEquals(409, seeded.statusCode(), seeded.body());
        assertTrue(json(seeded).get("message").asText().contains("target.ids[1]: post 'p21' is HIDDEN"), seeded.body());
        String fromGraph = "{\"source\":\"graph\",\"target\":{\"type\":\"posts\",\"ids\":[\"p21\"]}}";
        HttpResponse<String> graphSeeded = api.post("/v1/audiences", "ads", fromGraph);
        assertEquals(409, graphSeeded.statusCode(), "Neo4j's copy still says ACTIVE: " + graphSeeded.body());
        HttpResponse<String> again = api.patch("/v1/posts/p21", "ingest", "{\"status\":\"HIDDEN\"}");
        assertEquals("unchanged", json(again).get("outcome").asText());
        assertEquals(200, api.patch("/v1/posts/p21", "ingest", "{\"status\":\"ACTIVE\"}").statusCode());
        assertTrue(similar(api, "p9", 39).contains("p21"), "ACTIVE again");
        assertEquals(503, api.post("/v1/audiences", "ads", fromGraph).statusCode(), "past the check, on to the (down) Neo4j");
        HttpResponse<String> unknown = api.patch("/v1/posts/nope", "ingest", "{\"status\":\"SOLD\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    @Order(3)
    void events_fold_a_new_user_in_and_exclude_what_a_known_user_engaged_with() {
        HttpResponse<String> r = api.post("/v1/events", "ingest", events(event("n1-a", "new-1", "LIKE", "POST", "p2"),
                event("n1-b", "new-1", "LIKE", "POST", "p6"), event("n1-c", "new-1", "CHAT", "POST", "p10")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(3, json(r).get("accepted").asInt());
        JsonNode recs = json(api.get("/v1/users/new-1/recommendations?k=5", "recs"));
        assertEquals("fold_in", recs.get("strategy").asText(), recs.toString());
        for (JsonNode item : recs.get("items")) {
            assertFalse(Set.of("p2", "p6", "p10").contains(item.get("id").asText()), "engaged with: " + recs);
            assertEquals(2, item.get("category").asInt(), "the user's likes are all category 2: " + recs);
        }

        List<String> before = recommended(api, "u9", 20);
        String viewed = before.stream().filter(id -> id.startsWith("p")).findFirst().orElseThrow();
        assertEquals(200, api.post("/v1/events", "ingest", events(event("u9-v", "u9", "VIEW", "POST", viewed))).statusCode());
        assertFalse(recommended(api, "u9", 20).contains(viewed), viewed + " was seen since the graph was built");

        HttpResponse<String> again = api.post("/v1/events", "ingest", events(event("n1-a", "new-1", "LIKE", "POST", "p2")));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(0, json(again).get("accepted").asInt());
        assertEquals(1, json(again).get("duplicates").asInt(), "idempotent by event_id: " + again.body());
    }

    @Test
    @Order(4)
    void an_event_batch_with_rejects_is_refused_whole_with_rejects_by_reason_naming_field_and_value() {
        HttpResponse<String> r = api.post("/v1/events", "ingest", events(event("ok-1", "new-2", "LIKE", "POST", "p3"),
                event("bad-1", "new-2", "POKE", "POST", "p3"), event("bad-2", "new-2", "FOLLOW", "POST", "p3"),
                "{\"ts\":\"yesterday\",\"user_id\":\"new-2\",\"action\":\"VIEW\",\"target_kind\":\"POST\",\"target_id\":\"p3\"}",
                event("bad-4", "new-2", "VIEW", "POST", "p404"), event("bad-5", "new-2", "VIEW", "USER", "u1"),
                "{\"ts\":\"2999-01-01T00:00:00Z\",\"user_id\":\"new-2\",\"action\":\"VIEW\",\"target_kind\":\"POST\",\"target_id\":\"p3\"}",
                "{\"ts\":1,\"action\":\"VIEW\",\"target_kind\":\"POST\",\"target_id\":\"p3\"}"));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("invalid_events", body.get("error").asText());
        assertEquals("7 of 8 events rejected, none written; first: events[1].action unknown action 'POKE': expected one of VIEW, "
                + "LIKE, CHAT, PURCHASE, FOLLOW, AD_CLICK, SEARCH_CLICK: got 'POKE'", body.get("message").asText());
        assertEquals(Json.MAPPER.createObjectNode().put("unknown_action", 1).put("action_not_valid_for_kind", 1)
                .put("bad_timestamp", 1).put("unknown_target", 1).put("unknown_target_kind", 1).put("future_timestamp", 1)
                .put("missing_field", 1), body.get("rejected"));
        List<String> at = new ArrayList<>();
        body.get("errors").forEach(e -> at.add(e.get("at").asText()));
        assertEquals(List.of("events[1].action", "events[2].action", "events[3].ts", "events[4].target_id", "events[5].target_kind",
                "events[6].ts", "events[7].user_id"), at);
        assertEquals("p404", body.get("errors").get(3).get("value").asText());

        HttpResponse<String> alone = api.post("/v1/events", "ingest", events(event("ok-1", "new-2", "LIKE", "POST", "p3")));
        assertEquals(1, json(alone).get("accepted").asInt(), "the refused batch wrote nothing: " + alone.body());

        HttpResponse<String> malformed = api.post("/v1/events", "ingest", "{\"events\":[{\"user_id\":5}]}");
        assertEquals(400, malformed.statusCode());
        assertEquals("field 'events[0].user_id': expected a string, got the number 5", json(malformed).get("message").asText());
    }

    @Test
    @Order(5)
    void posts_are_validated_naming_field_and_value_and_are_idempotent_by_post_id() {
        String body = post("desk-1", "BUSINESS", "b-unknown", 2, 1, "ACTIVE");
        assertEquals(201, api.post("/v1/posts", "ingest", body).statusCode());
        HttpResponse<String> same = api.post("/v1/posts", "ingest", body);
        assertEquals(200, same.statusCode(), same.body());
        assertEquals("unchanged", json(same).get("outcome").asText());
        assertEquals("region_category", json(same).get("vectorFrom").asText(), "the seller is unknown to the model");
        HttpResponse<String> moved = api.post("/v1/posts", "ingest", body.replace("\"regionId\":\"1\"", "\"regionId\":\"2\""));
        assertEquals("updated", json(moved).get("outcome").asText());
        Object[][] bad = {
                {"\"regionId\":\"1\"", "\"regionId\":\"north\"", "regionId must be a region id as the graph's node table holds it, "
                        + "a non-negative integer in a string (\"5\"), got 'north'"},
                {"\"sellerKind\":\"BUSINESS\"", "\"sellerKind\":\"SHOP\"", "sellerKind must be USER or BUSINESS, got 'SHOP'"},
                {"\"status\":\"ACTIVE\"", "\"status\":\"GONE\"", "status must be one of ACTIVE, RESERVED, SOLD, HIDDEN, got 'GONE'"},
                {"\"price\":50.0", "\"price\":-1", "price must be a finite number >= 0, got -1.0"},
                {"\"postId\":\"desk-1\"", "\"postId\":\" \"", "postId is required: a non-blank id, got ' '"},
                {"\"price\":50.0", "\"price\":\"50\"", "field 'price': expected a number, got the string '50'"}};
        for (Object[] b : bad) {
            HttpResponse<String> r = api.post("/v1/posts", "ingest", body.replace((String) b[0], (String) b[1]));
            assertEquals(400, r.statusCode(), r.body());
            assertEquals(b[2], json(r).get("message").asText());
        }
        HttpResponse<String> late = api.post("/v1/posts", "ingest", body.replaceFirst("\"createdAt\":\"[^\"]+\"", "\"createdAt\":\"2999-01-01\""));
        assertEquals(400, late.statusCode());
        assertTrue(json(late).get("message").asText().startsWith("createdAt 2999-01-01 is after the server's clock"), late.body());
    }

    @Test
    @Order(6)
    void ingest_needs_a_key_with_the_ingest_scope() {
        HttpResponse<String> r = api.post("/v1/events", "recs", events());
        assertEquals(403, r.statusCode());
        assertEquals("API key 'recs' lacks scope 'ingest' for POST /v1/events", json(r).get("message").asText());
        assertEquals(401, api.patch("/v1/posts/p1", null, "{\"status\":\"SOLD\"}").statusCode());
    }

    @Test
    @Order(7)
    void the_openapi_ingest_examples_are_answered_with_the_fields_they_show() {
        JsonNode doc = json(api.get("/openapi.json", null)).get("paths");
        JsonNode listing = doc.get("/v1/posts").get("post");
        String body = listing.get("requestBody").get("content").get("application/json").get("example").toString();
        HttpResponse<String> created = api.post("/v1/posts", "ingest", body);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(fields(listing.get("responses").get("201").get("content").get("application/json").get("example")), fields(json(created)));
        HttpResponse<String> again = api.post("/v1/posts", "ingest", body);
        assertEquals(json(again), listing.get("responses").get("200").get("content").get("application/json").get("example"));
        JsonNode patch = doc.get("/v1/posts/{postId}").get("patch");
        HttpResponse<String> sold = api.patch("/v1/posts/" + patch.get("parameters").get(0).get("example").asText(), "ingest",
                patch.get("requestBody").get("content").get("application/json").get("example").toString());
        assertEquals(json(sold), patch.get("responses").get("200").get("content").get("application/json").get("example"));
        JsonNode ev = doc.get("/v1/events").get("post");
        HttpResponse<String> taken = api.post("/v1/events", "ingest",
                ev.get("requestBody").get("content").get("application/json").get("example").toString());
        assertEquals(json(taken), ev.get("responses").get("200").get("content").get("application/json").get("example"));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    @Order(100)
    void everything_ingested_survives_a_crash_a_torn_line_and_an_activation() throws Exception {
        List<String> posts = List.of("crash-p1", "crash-p2", "crash-p3");
        for (String p : posts) {
            assertEquals(201, api.post("/v1/posts", "ingest", post(p, "USER", "u3", 3, 2, "ACTIVE")).statusCode());
        }
        assertEquals(200, api.patch("/v1/posts/crash-p3", "ingest", "{\"status\":\"SOLD\"}").statusCode());
        String batch = events(event("c-1", "crash-u", "LIKE", "POST", "p3"), event("c-2", "crash-u", "LIKE", "POST", "p7"),
                event("c-3", "crash-u", "PURCHASE", "POST", "p11"), event("c-4", "crash-u", "VIEW", "POST", "crash-p1"));
        assertEquals(4, json(api.post("/v1/events", "ingest", batch)).get("accepted").asInt());
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        String old = String.format("{\"event_id\":\"old-1\",\"ts\":%d,\"user_id\":\"cut-u\",\"action\":\"LIKE\","
                + "\"target_kind\":\"POST\",\"target_id\":\"p5\"}", hourAgo);
        assertEquals(1, json(api.post("/v1/events", "ingest", events(old))).get("accepted").asInt());
        assertEquals("fold_in", json(api.get("/v1/users/cut-u/recommendations?k=5", "recs")).get("strategy").asText());
        checkServed(api, "v0001");

        api.crash();
        Path events = api.registryDir.resolve(IngestLog.DIR).resolve(IngestLog.EVENTS);
        Path segment;
        try (Stream<Path> files = Files.list(events)) {
            segment = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
            JsonNode e = Json.MAPPER.readTree(line);
            assertTrue(Set.of("event_id", "ts", "user_id", "action", "target_kind", "target_id", "query", "region_id")
                    .containsAll(fields(e)), "the event contract, for build-graph --events: " + line);
            assertTrue(Timestamps.parseMillis(e.get("ts").asText()) > 0, line);
        }
        Files.writeString(segment, "{\"event_id\":\"torn\",\"ts\":\"2026-", StandardOpenOption.APPEND);   // a crash mid-write
        Thread.sleep(5);
        // the versions' graph (the manifest's graphVersion) was built now, split 30 minutes ago: the event of an hour ago is in it
        Files.writeString(tmp.resolve("graph").resolve("report.json"), "{\"split_at\": " + (hourAgo + 1_800_000) + ", \"now_millis\": "
                + System.currentTimeMillis() + "}");

        ApiFixture restarted = new ApiFixture(api);
        try {
            LiveState.ReplayReport replay;
            try (ModelManager.Lease lease = restarted.models.acquire().orElseThrow()) {
                replay = lease.live().replayReport();
            }
            assertEquals(1, replay.torn(), replay.toString());
            assertEquals(0, replay.corrupt(), replay.toString());
            assertEquals(hourAgo + 1_800_000, replay.cutoffMillis());
            assertEquals(5, replay.beforeCutoff(), "held by the graph: old-1 and the two OpenAPI example events (09:15, all before"
                    + " split_at, logged before the build), and p21's two status changes (before the build took the entities): " + replay);
            assertEquals("popular", json(restarted.get("/v1/users/cut-u/recommendations?k=5", "recs")).get("strategy").asText(),
                    "not replayed: the graph holds it");
            checkServed(restarted, "v0001");
            HttpResponse<String> again = restarted.post("/v1/events", "ingest", batch);
            assertEquals(4, json(again).get("duplicates").asInt(), "event ids survive the restart: " + again.body());

            // a late event: its ts is before the cut-off, but it arrived after the build read the log
            String late = String.format("{\"event_id\":\"late-1\",\"ts\":%d,\"user_id\":\"late-u\",\"action\":\"LIKE\","
                    + "\"target_kind\":\"POST\",\"target_id\":\"p1\"}", hourAgo - 3_600_000);
            assertEquals(1, json(restarted.post("/v1/events", "ingest", events(late))).get("accepted").asInt());

            assertEquals(200, restarted.post("/v1/admin/models/v0002/activate", "admin", "").statusCode());
            checkServed(restarted, "v0002");
            assertEquals("fold_in", json(restarted.get("/v1/users/late-u/recommendations?k=5", "recs")).get("strategy").asText(),
                    "the late event was replayed onto v0002: the graph never saw it");
            assertEquals(4, json(restarted.post("/v1/events", "ingest", batch)).get("duplicates").asInt());
            assertEquals(200, restarted.post("/v1/admin/models/rollback", "admin", "").statusCode());
        } finally {
            restarted.close();
        }
    }

    @Test
    @Order(101)
    void what_a_server_acknowledged_survives_a_sigkill_of_its_process() throws Exception {
        Path keys = tmp.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"name\": \"ingest\", \"key\": \"ingest\", \"scopes\": [\"ingest\", \"recs\"]}]}");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-X") || a.startsWith("-D")).toList());   // the test JVM's flags (DJL offline)
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.marketgraph.api.cli.ServeMain",
                "--registry", api.registryDir.toString(), "--keys", keys.toString(), "--port", "0"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            StringBuilder log = new StringBuilder();
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                java.util.regex.Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the child server started: " + log);
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-server-output");
            drain.setDaemon(true);
            drain.start();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            for (String[] call : new String[][] {
                    {"/v1/posts", post("kill-p1", "USER", "u3", 3, 2, "ACTIVE")},
                    {"/v1/posts", post("kill-p2", "USER", "u3", 3, 2, "ACTIVE")},
                    {"/v1/events", events(event("k-1", "kill-u", "LIKE", "POST", "p15"), event("k-2", "kill-u", "CHAT", "POST", "p19"))}}) {
                HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + call[0]))
                        .header("X-API-Key", "ingest").header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
            }
            server.destroyForcibly();   // SIGKILL: no shutdown hook, no close of the log
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        } finally {
            server.destroyForcibly();
        }
        ApiFixture after = new ApiFixture(api);
        try {
            assertTrue(similar(after, "kill-p1", 20).contains("kill-p2"), "both listings survived");
            JsonNode recs = json(after.get("/v1/users/kill-u/recommendations?k=20", "recs"));
            assertEquals("fold_in", recs.get("strategy").asText(), recs.toString());
            assertFalse(ids(recs.get("items")).contains("p15"), recs.toString());
        } finally {
            after.close();
        }
    }

    /** The crash test's posts, status change and events, served by {@code server} on {@code version}. */
    private void checkServed(ApiFixture server, String version) {
        JsonNode recs = json(server.get("/v1/users/crash-u/recommendations?k=20", "recs"));
        assertEquals(version, recs.get("modelVersion").asText());
        assertEquals("fold_in", recs.get("strategy").asText(), "the user's events fold them in: " + recs);
        List<String> ids = ids(recs.get("items"));
        assertTrue(ids.contains("crash-p2"), "a live post of the user's category: " + recs);
        for (String gone : List.of("p3", "p7", "p11", "crash-p1", "crash-p3")) {
            assertFalse(ids.contains(gone), gone + " (engaged with, or SOLD): " + recs);
        }
        List<String> related = similar(server, "crash-p1", 20);
        assertTrue(related.contains("crash-p2"), related.toString());
        assertFalse(related.contains("crash-p3"), related.toString());
    }
}
