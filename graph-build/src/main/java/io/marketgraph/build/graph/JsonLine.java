package io.marketgraph.build.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One JSON Lines record, parsed straight into the event columns as strings, with the semantics of
 * Spark's {@code from_json} over an all-strings schema in PERMISSIVE mode (what build-graph used before,
 * at about twice the cost: Spark's reader builds a row per line and a second pass checked the trailing
 * content). {@link JsonLineTest} holds the two to the same answers on a corpus of awkward lines.
 *
 * <ul>
 *   <li>The line must hold one JSON object; anything else (an array, a scalar, broken JSON anywhere in
 *       the line, ignored fields included) is malformed.
 *   <li>A string field keeps its text; {@code null} is null; any other value (a number, a boolean, an
 *       object, an array) becomes its JSON text as Jackson writes it, as Spark does.
 *   <li>Field names match exactly; unknown fields are skipped; a repeated field keeps its last value.
 *   <li>Anything but whitespace after the object is malformed ({@code {"a":1} {"x":1}}): Jackson, under
 *       Spark's reader, stops after the first value and would take the line as that value alone.
 *   <li>Spark's JSON defaults: single quotes and NaN/Infinity allowed; comments, unquoted names and
 *       leading zeros not.
 * </ul>
 */
final class JsonLine {

    /** Spark's JSON defaults. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final List<String> columns;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    /** A parser of lines into {@code columns} (one instance per thread: it keeps a buffer). */
    JsonLine(List<String> columns) {
        this.columns = columns;
    }

    /**
     * Parses {@code len} UTF-8 bytes of {@code line} from {@code off} into {@code values} (one per column,
     * null when absent). Returns false for a malformed line: {@code values} are then all null for broken
     * JSON, as Spark gives them, and the first object's fields when text follows a complete object (as
     * build-graph's Spark reader gave them), so the quarantine shows that record's event_id.
     */
    boolean parse(byte[] line, int off, int len, String[] values) {
        Arrays.fill(values, null);
        try (JsonParser p = JSON.createParser(line, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return false;
                }
                int column = columns.indexOf(p.currentName());
                JsonToken value = p.nextToken();
                if (column < 0) {
                    p.skipChildren();
                } else {
                    values[column] = value == JsonToken.VALUE_NULL ? null
                            : value == JsonToken.VALUE_STRING ? p.getText() : rawText(p);
                }
            }
            return p.nextToken() == null;
        } catch (IOException e) {   // JsonParseException, and an end of input inside the object
            Arrays.fill(values, null);
            return false;
        }
    }

    /**
     * The current value (and its children) as JSON text, the way Spark turns a non-string into a string field:
     * Jackson's generator copies it. Integers and booleans, which every event's {@code ts} is, are printed
     * here as that copy prints them (the parsed value in decimal: {@code -0} is {@code 0}), without a
     * generator per value (14 % of validation's samples, JFR, 10M events).
     */
    private String rawText(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> Integer.toString(p.getIntValue());
                    case LONG -> Long.toString(p.getLongValue());
                    default -> p.getBigIntegerValue().toString();
                };
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            default:
                break;
        }
        raw.reset();
        try (JsonGenerator g = JSON.createGenerator(raw)) {
            g.copyCurrentStructure(p);
        }
        return raw.toString(StandardCharsets.UTF_8);
    }

    /** A line Spark's text reader would pass to the JSON parser: not empty and not only spaces (what {@code trim} removes). */
    static boolean isRecord(byte[] line, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (line[i] != ' ') {
                return true;
            }
        }
        return false;
    }
}
