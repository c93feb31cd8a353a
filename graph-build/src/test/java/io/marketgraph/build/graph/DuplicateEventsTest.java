package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.model.Action;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Duplicate resolution and the block summary on hand-made blocks (Spark local[2]). */
class DuplicateEventsTest {

    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("DuplicateEventsTest")
                .config("spark.ui.enabled", "false")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void add(EventBlock b, String id, long hash, long ts) {
        b.accept(0, 1, ts, Action.VIEW, id == null ? null : id.getBytes(StandardCharsets.UTF_8), hash);
    }

    @Test
    void a_forced_hash_collision_between_different_ids_is_no_duplicate_but_real_ones_are() {
        EventBlock b0 = new EventBlock(0);
        add(b0, "a", 7, 100);   // 0
        add(b0, "x", 9, 200);   // 1: a later x: loses
        add(b0, null, 0, 10);   // 2: no id: never a duplicate
        add(b0, null, 0, 10);   // 3
        EventBlock b1 = new EventBlock(1);
        add(b1, "b", 7, 50);    // 0: same hash as "a", another id
        add(b1, "x", 9, 100);   // 1: the earliest x: kept
        add(b1, "x", 9, 100);   // 2: same ts, later in input: loses
        add(b1, "c", 3, 100);   // 3
        JavaRDD<EventBlock> blocks = jsc.parallelize(List.of(b0, b1), 2);

        assertArrayEquals(new long[] {7, 9}, DuplicateEvents.repeatedHashes(blocks, 3));
        Map<Integer, int[]> losers = new TreeMap<>(DuplicateEvents.losers(jsc, blocks, 3));
        assertEquals(List.of(0, 1), List.copyOf(losers.keySet()));
        assertArrayEquals(new int[] {1}, losers.get(0));
        assertArrayEquals(new int[] {2}, losers.get(1));
    }

    @Test
    void no_repeated_hash_means_no_second_pass() {
        EventBlock b0 = new EventBlock(0);
        add(b0, "a", 1, 100);
        add(b0, "b", 2, 100);
        assertEquals(Map.of(), DuplicateEvents.losers(jsc, jsc.parallelize(List.of(b0), 1), 2));
    }

    @Test
    void the_summary_adds_up_the_blocks() {
        EventBlock b0 = new EventBlock(0);
        add(b0, "a", 1, 100);
        b0.reject(RejectReason.BAD_TIMESTAMP, "d", new Object[10]);
        EventBlock b1 = new EventBlock(1);
        add(b1, "b", 2, 300);
        add(b1, "c", 3, 200);
        b1.reject(RejectReason.BAD_TIMESTAMP, "d", new Object[10]);
        b1.reject(RejectReason.UNKNOWN_USER, "d", new Object[10]);
        BuildGraphJob.Summary s = EventBlocks.summary(jsc.parallelize(List.of(b0, b1), 2));
        assertEquals(6, s.recordsIn());
        assertEquals(3, s.accepted());
        assertEquals(Map.of("bad_timestamp", 2L, "unknown_user", 1L), s.quarantined());
        assertEquals(300, s.tRef());
        assertEquals(3, EventBlocks.quarantine(spark, jsc.parallelize(List.of(b0, b1), 2)).count());
    }

    @Test
    void repeated_values_are_reported_once() {
        assertArrayEquals(new long[] {-4, 5}, DuplicateEvents.repeated(new long[] {5, 1, 5, -4, 5, -4, 9}));
        assertArrayEquals(new long[0], DuplicateEvents.repeated(new long[] {3, 2, 1}));
    }
}
