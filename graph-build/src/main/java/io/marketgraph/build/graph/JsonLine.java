package io.marketgraph.build.graph;

/**
 * One JSON Lines record per line: {@link #hasTrailingContent} is true when the line's first JSON
 * object or array is followed by anything but whitespace ({@code {"a":1} {"x":1}}, {@code {"a":1}x}).
 * Jackson, under Spark's JSON reader, stops after the first value and would accept such a line as
 * that value; build-graph quarantines it as a malformed record instead. A line that does not start
 * with an object or array is left to the JSON reader (it reports it as corrupt).
 */
final class JsonLine {

    private JsonLine() {}

    static boolean hasTrailingContent(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i == n || (line.charAt(i) != '{' && line.charAt(i) != '[')) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return !line.substring(i + 1).isBlank();
            }
        }
        return false; // unterminated: the JSON reader reports it as corrupt
    }
}
