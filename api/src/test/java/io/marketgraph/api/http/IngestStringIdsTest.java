package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.ingest.IngestLog;
import io.marketgraph.io.IdCodes;
import io.marketgraph.io.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph built from entities whose region and category ids are strings carries their codes in
 * {@code id-codes.json}; a listing names them as the entities do, and the log keeps those names so
 * that the next build codes them as it codes the rest. The planted market's regions 0..2 and
 * categories 0..3 are given names here.
 */
class IngestStringIdsTest {

    @TempDir
    Path tmp;

    private static String post(String id, String region, String category) {
        return String.format("{\"postId\":\"%s\",\"sellerKind\":\"USER\",\"sellerId\":\"u1\",\"categoryId\":\"%s\","
                + "\"regionId\":\"%s\",\"price\":10,\"createdAt\":\"%s\"}", id, category, region, Instant.now().minusSeconds(5));
    }

    @Test
    void a_listing_names_regions_and_categories_as_the_entities_do_and_the_log_keeps_those_names() throws Exception {
        try (ApiFixture first = new ApiFixture(tmp, 1)) {
            Path graph = first.registryDir.resolve("models").resolve("v0001").resolve("graph");
            Files.writeString(graph.resolve(IdCodes.FILE), "{\"region_id\": {\"centre\": 1, \"north\": 0, \"south\": 2},"
                    + " \"category_id\": {\"bikes\": 1, \"books\": 0, \"chairs\": 2, \"desks\": 3}}");
            try (ApiFixture api = new ApiFixture(first)) {   // a server that loads the version with its codes
                HttpResponse<String> created = api.post("/v1/posts", "ingest", post("named-1", "north", "bikes"));
                assertEquals(201, created.statusCode(), created.body());
                JsonNode body = Json.MAPPER.readTree(created.body());
                assertTrue(body.get("vectorFrom").asText().contains("region_category"), body.toString());

                HttpResponse<String> integer = api.post("/v1/posts", "ingest", post("named-2", "0", "bikes"));
                assertEquals(400, integer.statusCode());
                assertTrue(integer.body().contains("regionId '0' is not a region id of model v0001's graph"), integer.body());
                HttpResponse<String> unknown = api.post("/v1/posts", "ingest", post("named-3", "south", "boats"));
                assertEquals(400, unknown.statusCode());
                assertTrue(unknown.body().contains("categoryId 'boats'"), unknown.body());

                Path posts = api.registryDir.resolve(IngestLog.DIR).resolve(IngestLog.POSTS);
                List<String> lines;
                try (Stream<Path> parts = Files.list(posts)) {
                    lines = parts.flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
                }
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(lines.get(0).contains("\"category_id\":\"bikes\"") && lines.get(0).contains("\"region_id\":\"north\""),
                        lines.get(0));
            }
        }
    }
}
