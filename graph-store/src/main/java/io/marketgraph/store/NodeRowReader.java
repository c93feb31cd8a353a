package io.marketgraph.store;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.NodeKind;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams a graph directory's {@code nodes.tsv} (header {@value NodeTable#HEADER}) one row at a
 * time, including the statistics columns that {@link NodeTable} does not keep (degree, pagerank,
 * component). {@link NodeTable#read} has already validated ids and kinds when this runs.
 */
final class NodeRowReader {

    private NodeRowReader() {}

    static long read(Path nodesTsv, Consumer<GraphNode> sink) {
        long[] count = {0};
        TextFiles.forEachLine(nodesTsv, "node table", (line, part, lineNo) -> {
            if (!line.isEmpty() && !line.startsWith("node\t")) {
                sink.accept(parse(line.split("\t", -1), part, lineNo));
                count[0]++;
            }
        });
        return count[0];
    }

    private static GraphNode parse(String[] cols, Path file, long lineNo) {
        if (cols.length < 5) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: expected the columns '%s', got %d columns",
                    file, lineNo, NodeTable.HEADER.replace('\t', ' '), cols.length));
        }
        NodeKind kind;
        try {
            kind = NodeKind.parse(cols[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s line %d: column 'kind': %s",
                    file, lineNo, e.getMessage()), e);
        }
        return new GraphNode(
                (int) number(cols, 0, "node", file, lineNo),
                kind,
                cols[2],
                cols[3].isEmpty() ? -1 : (int) number(cols, 3, "region", file, lineNo),
                cols[4].isEmpty() ? -1 : (int) number(cols, 4, "category", file, lineNo),
                present(cols, 5) ? (long) number(cols, 5, "degree", file, lineNo) : null,
                present(cols, 6) ? decimal(cols, 6, "pagerank", file, lineNo) : null,
                present(cols, 7) ? (long) number(cols, 7, "component", file, lineNo) : null);
    }

    private static boolean present(String[] cols, int i) {
        return cols.length > i && !cols[i].isEmpty();
    }

    private static long number(String[] cols, int i, String column, Path file, long lineNo) {
        try {
            return Long.parseLong(cols[i]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: column '%s' must be an integer, got '%s'", file, lineNo, column, cols[i]), e);
        }
    }

    private static double decimal(String[] cols, int i, String column, Path file, long lineNo) {
        double value;
        try {
            value = Double.parseDouble(cols[i]);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: column '%s' must be a finite number, got '%s'", file, lineNo, column, cols[i]));
        }
        return value;
    }
}
