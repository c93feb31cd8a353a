package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    /** Lines whose answer Spark's reader and JsonLine must agree on: well-formed, odd types, broken JSON. */
    private static final List<String> CORPUS = List.of(
            "{\"event_id\":\"e1\",\"ts\":1000,\"user_id\":\"u2\",\"action\":\"VIEW\",\"target_kind\":\"POST\",\"target_id\":\"p1\"}",
            "{\"event_id\":\"e2\",\"ts\":\"1970-01-01T00:00:02Z\",\"user_id\":\"u2\",\"query\":\"bike \\\"red\\\" \\u00e9\",\"region_id\":\"north\"}",
            "{\"ts\":true,\"user_id\":123,\"target_id\":-0,\"action\":1.0}",
            "{\"ts\":1700000000000,\"user_id\":-12,\"target_id\":2147483648,\"action\":-9223372036854775808}",
            "{\"ts\":9223372036854775807,\"user_id\":9223372036854775808,\"target_id\":-2147483649,\"action\":-7}",
            "{\"ts\":1.5e12,\"user_id\":1E3,\"target_id\":12345678901234567890,\"action\":0.1}",
            "{\"ts\":null,\"user_id\":{\"id\":\"u2\",\"n\":[1,{\"a\":null}]},\"target_id\":[1,\"x\"],\"action\":false}",
            "{\"user_id\":\"first\",\"user_id\":\"second\"}",
            "{\"ignored\":{\"deep\":[1,2,{\"x\":\"}\"}]},\"user_id\":\"u1\"}",
            "{'user_id':'single','ts':'5'}",
            "{\"ts\":NaN,\"user_id\":Infinity}",
            "{\"User_Id\":\"case differs\"}",
            "{}",
            "   {\"user_id\":\"padded\"}   ",
            "{\"query\":\"😀 and \\ud83d\\ude00\"}",
            "{\"event_id\":\"e3\",\"user_id\": ",
            "not json at all",
            "[{\"user_id\":\"u1\"}]",
            "42",
            "\"a string\"",
            "null",
            "{\"user_id\":\"u1\",}",
            "{\"ts\":01}",
            "{/*c*/\"user_id\":\"u1\"}",
            "{user_id:\"u1\"}",
            "{\"user_id\":\"u1\" \"ts\":1}",
            "{\"ignored\":[1,2,}",
            "\t{\"user_id\":\"tab\"}");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("JsonLineTest").config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String[] parse(String line) {
        String[] values = new String[EventSources.COLUMNS.size()];
        return parse(line, values) ? values : null;
    }

    private static boolean parse(String line, String[] values) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new JsonLine(EventSources.COLUMNS).parse(bytes, 0, bytes.length, values);
    }

    @Test
    void every_line_parses_as_sparks_from_json_in_permissive_mode_reads_it_into_string_columns() {
        List<Row> spark = JsonLineTest.spark.createDataset(CORPUS, Encoders.STRING()).toDF("value")
                .select(col("value"), from_json(col("value"), EventSources.rawSchema(EventSources.COLUMNS),
                        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", EventSources.CORRUPT)).as("r"))
                .select("value", "r.*").collectAsList();
        int malformed = 0;
        for (Row row : spark) {
            String line = row.getString(0);
            boolean corrupt = row.get(row.fieldIndex(EventSources.CORRUPT)) != null;
            String[] ours = new String[EventSources.COLUMNS.size()];
            assertEquals(corrupt, !parse(line, ours), "malformed or not: " + line);
            // broken JSON leaves every field null, in both
            List<String> expected = new ArrayList<>();
            for (String c : EventSources.COLUMNS) {
                expected.add(row.getString(row.fieldIndex(c)));
            }
            assertEquals(expected, Arrays.asList(ours), line);
            malformed += corrupt ? 1 : 0;
        }
        assertEquals(CORPUS.size(), spark.size());
        assertTrue(malformed >= 10, "the corpus holds broken lines: " + malformed);
    }

    @Test
    void a_second_value_or_any_text_after_the_object_is_malformed_and_keeps_the_first_objects_fields() {
        String[] first = new String[EventSources.COLUMNS.size()];
        assertFalse(parse("{\"user_id\":\"u1\"} {\"x\":1}", first));
        assertEquals("u1", first[EventSources.COLUMNS.indexOf("user_id")]);
        assertEquals(null, parse("{\"user_id\":\"u1\"}x"));
        assertEquals(null, parse("{\"user_id\":\"u1\"}}"));
        String[] one = parse("  {\"user_id\":\"a} {b\",\"query\":\"q\"}  \t");
        assertEquals("a} {b", one[EventSources.COLUMNS.indexOf("user_id")]);
    }

    @Test
    void a_non_string_value_keeps_its_json_text_and_a_repeated_field_its_last_value() {
        String[] v = parse("{\"ts\":{\"a\": [1, \"b\"]},\"user_id\":\"x\",\"user_id\":7}");
        assertArrayEquals(new String[] {null, "{\"a\":[1,\"b\"]}", "7", null, null, null, null, null}, v);
    }

    @Test
    void only_lines_of_spaces_are_not_records() {
        assertFalse(JsonLine.isRecord(new byte[0], 0, 0));
        assertFalse(JsonLine.isRecord("   ".getBytes(StandardCharsets.UTF_8), 0, 3));
        assertTrue(JsonLine.isRecord(" \t ".getBytes(StandardCharsets.UTF_8), 0, 3));
    }
}
