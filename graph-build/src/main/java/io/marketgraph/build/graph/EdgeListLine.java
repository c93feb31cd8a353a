package io.marketgraph.build.graph;

/**
 * One line of a SNAP-style edge list: {@code src dst [weight]}, tabs or spaces; {@code #} and
 * {@code %} start comments. Plain Java so the rules are testable without Spark.
 */
public record EdgeListLine(RejectReason reason, String src, String dst, double weight) {

    /** Null for comments and blank lines (they are not records). */
    public static EdgeListLine parse(String line) {
        String t = line == null ? "" : line.strip();
        if (t.isEmpty() || t.charAt(0) == '#' || t.charAt(0) == '%') {
            return null;
        }
        String[] cols = t.split("[\\t ]+");
        if (cols.length < 2 || cols.length > 3) {
            return new EdgeListLine(RejectReason.MALFORMED_RECORD, null, null, 0);
        }
        if (cols[0].length() > EventValidator.MAX_ID_LENGTH || cols[1].length() > EventValidator.MAX_ID_LENGTH) {
            return new EdgeListLine(RejectReason.FIELD_TOO_LONG, null, null, 0);
        }
        double w = 1.0;
        if (cols.length == 3) {
            try {
                w = Double.parseDouble(cols[2]);
            } catch (NumberFormatException e) {
                w = Double.NaN;
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                return new EdgeListLine(RejectReason.BAD_WEIGHT, cols[0], cols[1], 0);
            }
        }
        if (cols[0].equals(cols[1])) {
            return new EdgeListLine(RejectReason.SELF_INTERACTION, cols[0], cols[1], w);
        }
        return new EdgeListLine(null, cols[0], cols[1], w);
    }
}
