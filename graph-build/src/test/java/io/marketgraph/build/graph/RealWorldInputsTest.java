package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.EdgeList;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data as real systems export it: entities as JSON Lines (one gzipped) with string region and
 * category ids and ISO times, and a 22-year event log whose oldest events, at a 30-day half-life,
 * would decay to ~1e-80 without the floor. What build-graph writes, the plain-Java stages read.
 */
class RealWorldInputsTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("RealWorldInputsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void jsonl_entities_with_string_ids_and_a_22_year_log_flow_into_a_graph_the_next_stage_reads() throws IOException {
        Path entities = Files.createDirectories(tmp.resolve("entities"));
        Files.writeString(entities.resolve("users.jsonl"), String.join("\n",
                "{\"user_id\":\"u1\",\"region_id\":\"seoul-gangnam-3\",\"joined_at\":\"2001-03-04T05:06:07Z\"}",
                "{\"user_id\":\"u2\",\"region_id\":\"busan-haeundae-1\",\"joined_at\":981173106000}",
                "", "{\"user_id\":\"u3\",\"region_id\":\"seoul-gangnam-3\",\"joined_at\":\"2020-01-01T00:00:00Z\"}\n"));
        gzip(entities.resolve("posts.jsonl.gz"), String.join("\n",
                "{\"post_id\":\"p1\",\"seller_kind\":\"USER\",\"seller_id\":\"u1\",\"category_id\":\"furniture/sofa\","
                        + "\"region_id\":\"seoul-gangnam-3\",\"title\":\"sofa\",\"price\":120.5,"
                        + "\"created_at\":\"2000-06-01T00:00:00Z\",\"status\":\"ACTIVE\"}",
                "{\"post_id\":\"p2\",\"seller_kind\":\"BUSINESS\",\"seller_id\":\"b1\",\"category_id\":\"bikes\","
                        + "\"region_id\":\"busan-haeundae-1\",\"title\":\"bike\",\"price\":80,"
                        + "\"created_at\":962409600000,\"status\":\"SOLD\"}\n"));
        Files.writeString(entities.resolve("businesses.csv"),
                "business_id,region_id,category_id,name\nb1,busan-haeundae-1,bikes,Bike shop\n");
        Path events = Files.createDirectories(tmp.resolve("events"));
        long newest = Instant.parse("2022-06-01T00:00:00Z").toEpochMilli();
        Files.writeString(events.resolve("log.jsonl"), String.join("\n",
                "{\"event_id\":\"old\",\"ts\":\"2000-06-02T00:00:00Z\",\"user_id\":\"u2\",\"action\":\"VIEW\",\"target_kind\":\"POST\",\"target_id\":\"p1\"}",
                "{\"event_id\":\"mid\",\"ts\":1262304000000,\"user_id\":\"u3\",\"action\":\"LIKE\",\"target_kind\":\"POST\",\"target_id\":\"p2\"}",
                "{\"event_id\":\"new\",\"ts\":" + newest + ",\"user_id\":\"u1\",\"action\":\"PURCHASE\",\"target_kind\":\"POST\",\"target_id\":\"p2\"}",
                "{\"event_id\":\"biz\",\"ts\":\"2021-01-01T00:00:00Z\",\"user_id\":\"u3\",\"action\":\"FOLLOW\",\"target_kind\":\"BUSINESS\",\"target_id\":\"b1\"}\n"));
        Path out = tmp.resolve("graph");

        BuildReport r = new BuildGraphJob(spark, BuildGraphConfig.of(events, entities, out, newest + 1)
                .withShufflePartitions(2).withGraphIterations(3, 10), ProgressTracker.NOOP).run();

        assertEquals(4, r.recordsIn());
        assertEquals(4, r.accepted(), "quarantined: " + r.quarantined());
        JsonNode codes = Json.MAPPER.readTree(out.resolve(GraphOutput.ID_CODES).toFile());
        assertEquals(0, codes.path("region_id").path("busan-haeundae-1").asInt(-1), codes.toString());
        assertEquals(1, codes.path("region_id").path("seoul-gangnam-3").asInt(-1), codes.toString());
        assertEquals(0, codes.path("category_id").path("bikes").asInt(-1), codes.toString());
        assertEquals(1, codes.path("category_id").path("furniture/sofa").asInt(-1), codes.toString());

        // the plain-Java reader every later stage uses (embed, train-links) accepts the graph
        GraphDirectory.Loaded loaded = GraphDirectory.load(out);
        NodeTable nodes = loaded.nodes();
        int u1 = java.util.Arrays.asList(nodes.ids()).indexOf("u1");
        int p1 = java.util.Arrays.asList(nodes.ids()).indexOf("p1");
        assertEquals(1, nodes.region(u1), "u1 is in seoul-gangnam-3 = code 1");
        assertEquals(1, nodes.category(p1), "p1 is furniture/sofa = code 1");
        EdgeList edges = loaded.edges();
        float min = Float.MAX_VALUE;
        for (int e = 0; e < edges.edgeCount(); e++) {
            min = Math.min(min, edges.weight(e));
        }
        // the 22-year-old VIEW: 0.5^(8035 days / 30) ~ 1e-81 without the floor; with it 1e-6 x VIEW's weight 1
        assertEquals(EdgeWeighting.MIN_DECAY, min, 1e-12);
        assertTrue(Float.isFinite(min) && min > 0);
    }

    @Test
    void the_decay_floor_holds_for_any_age_and_leaves_recent_events_exact() {
        EdgeWeighting w = EdgeWeighting.defaults();
        long day = 86_400_000L;
        assertEquals(3.0 * 0.5, w.weight(io.marketgraph.model.Action.LIKE, 0, 30 * day), 1e-12);
        assertEquals(1e-6, w.weight(io.marketgraph.model.Action.VIEW, 0, 22L * 365 * day), 1e-18);
        assertEquals(10e-6, w.weight(io.marketgraph.model.Action.PURCHASE, 0, 1000L * 365 * day), 1e-18);
    }

    @Test
    void parquet_entities_as_spark_writes_them_load_with_their_string_ids_and_a_null_region() throws IOException {
        Path entities = Files.createDirectories(tmp.resolve("entities"));
        StructType users = new StructType().add("user_id", DataTypes.StringType).add("region_id", DataTypes.StringType)
                .add("joined_at", DataTypes.TimestampType);
        // a directory of Spark part files (with _SUCCESS and .crc files beside them)
        spark.createDataFrame(List.of(RowFactory.create("u1", "seoul-gangnam-3", Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"))),
                        RowFactory.create("u2", null, null)), users)
                .coalesce(1).write().parquet(entities.resolve("users").toString());
        StructType posts = new StructType().add("post_id", DataTypes.StringType).add("seller_kind", DataTypes.StringType)
                .add("seller_id", DataTypes.StringType).add("category_id", DataTypes.StringType)
                .add("region_id", DataTypes.StringType).add("price", DataTypes.DoubleType).add("status", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("p1", "USER", "u1", "furniture/sofa", "seoul-gangnam-3", 120.5, "ACTIVE"),
                        RowFactory.create("p2", "USER", "u2", "bikes", "busan-haeundae-1", 80.0, "SOLD")), posts)
                .coalesce(1).write().parquet(entities.resolve("posts.parquet").toString());

        EntityLoader.Loaded loaded = EntityLoader.loadWithCodes(entities);
        NodeIndex index = loaded.index();
        assertEquals(2, index.users());
        assertEquals(2, index.posts());
        assertEquals(0, index.businesses(), "no businesses table: none");
        Map<String, Integer> regions = loaded.codes().get("region_id");
        assertEquals(Map.of("busan-haeundae-1", 0, "seoul-gangnam-3", 1), regions);
        assertEquals(1, index.region(0), "u1: seoul-gangnam-3");
        assertEquals(-1, index.region(1), "u2: a null region is no region");
        assertEquals(io.marketgraph.model.PostStatus.SOLD, index.status(3));
        assertEquals(0, index.seller(2), "p1 is listed by u1");
    }
}
