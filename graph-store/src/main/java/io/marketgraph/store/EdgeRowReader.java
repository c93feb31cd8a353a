package io.marketgraph.store;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Streams a graph directory's {@code edges.tsv} ({@code src<TAB>dst[<TAB>weight]} over dense node
 * ids, gzip parts) one edge at a time, so an export holds one batch of edges in memory, never the
 * whole list (unlike {@code EdgeListFormat.readDense}, which builds arrays for the algorithms).
 */
final class EdgeRowReader {

    private static final Pattern COLUMN_SEPARATOR = Pattern.compile("[\\t ]+");

    interface EdgeSink {
        void accept(int src, int dst, double weight, Path file, long lineNo);
    }

    private EdgeRowReader() {}

    /** Counts the edge lines, for the progress percentage (a cheap first pass over the gzip parts). */
    static long count(Path edgesTsv) {
        long[] count = {0};
        TextFiles.forEachLine(edgesTsv, "edge list", (line, part, lineNo) -> {
            if (isData(line)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /**
     * @throws InvalidInputException naming file, line and value for a malformed line, a node id
     *                               outside {@code 0..nodeCount-1} or a weight that is not a finite number > 0
     */
    static long read(Path edgesTsv, int nodeCount, EdgeSink sink) {
        long[] count = {0};
        TextFiles.forEachLine(edgesTsv, "edge list", (line, part, lineNo) -> {
            if (!isData(line)) {
                return;
            }
            String[] cols = COLUMN_SEPARATOR.split(line.strip());
            if (cols.length < 2 || cols.length > 3) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s line %d: expected 'src dst [weight]', got %d columns", part, lineNo, cols.length));
            }
            int src = node(cols[0], nodeCount, part, lineNo);
            int dst = node(cols[1], nodeCount, part, lineNo);
            double weight = cols.length == 3 ? weight(cols[2], part, lineNo) : 1.0;
            sink.accept(src, dst, weight, part, lineNo);
            count[0]++;
        });
        return count[0];
    }

    private static boolean isData(String line) {
        String s = line.strip();
        return !s.isEmpty() && s.charAt(0) != '#' && s.charAt(0) != '%';
    }

    private static int node(String token, int nodeCount, Path file, long lineNo) {
        int node;
        try {
            node = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            node = -1;
        }
        if (node < 0 || node >= nodeCount) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: node '%s' is not a node of this graph (expected 0..%d from nodes.tsv)",
                    file, lineNo, token, nodeCount - 1));
        }
        return node;
    }

    private static double weight(String token, Path file, long lineNo) {
        double weight;
        try {
            weight = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            weight = Double.NaN;
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: weight must be a finite number > 0, got '%s'", file, lineNo, token));
        }
        return weight;
    }
}
