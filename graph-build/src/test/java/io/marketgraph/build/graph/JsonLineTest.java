package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void a_second_value_or_any_text_after_the_first_object_is_trailing_content() {
        assertTrue(JsonLine.hasTrailingContent("{\"a\":1} {\"x\":1}"));
        assertTrue(JsonLine.hasTrailingContent("{\"a\":1}x"));
        assertTrue(JsonLine.hasTrailingContent("[1,2] 3"));
    }

    @Test
    void one_value_with_braces_in_strings_nesting_escapes_and_whitespace_is_not() {
        assertFalse(JsonLine.hasTrailingContent("{\"a\":1}"));
        assertFalse(JsonLine.hasTrailingContent("  {\"q\":\"a} {b\",\"n\":{\"m\":[1,{}]}}  \t"));
        assertFalse(JsonLine.hasTrailingContent("{\"q\":\"quote \\\" } still inside\"}"));
        assertFalse(JsonLine.hasTrailingContent("{\"q\":\"backslash \\\\\"}"));
        assertFalse(JsonLine.hasTrailingContent("not json"), "left to the JSON reader, which flags it as corrupt");
        assertFalse(JsonLine.hasTrailingContent("{\"unterminated\":"));
    }
}
