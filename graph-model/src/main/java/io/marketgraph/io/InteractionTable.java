package io.marketgraph.io;

import io.marketgraph.model.Action;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * User→target interactions aggregated per pair, with a count per {@link Action}: the plain-Java
 * form of a graph directory's {@code interactions.tsv/} (the training graph's interactions) and
 * {@code holdout.tsv/} (interactions after the split time, kept out of the graph for evaluation).
 *
 * <p>Gzip TSV parts, each with the header {@code src dst VIEW SEARCH_CLICK LIKE AD_CLICK CHAT FOLLOW
 * PURCHASE} (the actions in {@link Action} order): dense node ids, then counts.
 */
public final class InteractionTable {

    public static final String HEADER = "src\tdst\t" + String.join("\t",
            Arrays.stream(Action.values()).map(Action::name).toArray(String[]::new));

    private final int[] src;
    private final int[] dst;
    private final int[][] counts; // [action][pair]

    public InteractionTable(int[] src, int[] dst, int[][] counts) {
        if (src.length != dst.length || counts.length != Action.values().length) {
            throw new IllegalArgumentException("interaction columns differ in length");
        }
        for (int[] c : counts) {
            if (c.length != src.length) {
                throw new IllegalArgumentException("interaction columns differ in length");
            }
        }
        this.src = src;
        this.dst = dst;
        this.counts = counts;
    }

    public int size() {
        return src.length;
    }

    public int src(int pair) {
        return src[pair];
    }

    public int dst(int pair) {
        return dst[pair];
    }

    public int count(int pair, Action action) {
        return counts[action.ordinal()][pair];
    }

    /** True if the pair has at least one of {@code actions}. */
    public boolean hasAny(int pair, Action... actions) {
        for (Action action : actions) {
            if (counts[action.ordinal()][pair] > 0) {
                return true;
            }
        }
        return false;
    }

    /** One row of an interactions file, as {@link #forEach} hands it over. */
    public interface RowSink {
        /**
         * @param counts the row's count per {@link Action} (by ordinal); the array is reused for the
         *               next row, copy what you keep
         */
        void accept(int src, int dst, int[] counts);
    }

    /**
     * Reads a file or directory of parts; node ids must be below {@code nodeCount}.
     *
     * @throws InvalidInputException naming the file, line and value
     */
    public static InteractionTable read(Path path, int nodeCount) {
        int actions = Action.values().length;
        int[] size = {0};
        int[][] src = {new int[1024]};
        int[][] dst = {new int[1024]};
        int[][] counts = new int[actions][1024];
        forEach(path, nodeCount, (s, d, c) -> {
            int n = size[0];
            if (n == src[0].length) {
                src[0] = Arrays.copyOf(src[0], n * 2);
                dst[0] = Arrays.copyOf(dst[0], n * 2);
                for (int a = 0; a < actions; a++) {
                    counts[a] = Arrays.copyOf(counts[a], n * 2);
                }
            }
            src[0][n] = s;
            dst[0][n] = d;
            for (int a = 0; a < actions; a++) {
                counts[a][n] = c[a];
            }
            size[0] = n + 1;
        });
        int[][] trimmed = new int[actions][];
        for (int a = 0; a < actions; a++) {
            trimmed[a] = Arrays.copyOf(counts[a], size[0]);
        }
        return new InteractionTable(Arrays.copyOf(src[0], size[0]), Arrays.copyOf(dst[0], size[0]), trimmed);
    }

    /**
     * Streams a file or directory of parts row by row (memory: one row), with the same validation
     * as {@link #read}: node ids below {@code nodeCount}, counts integers {@code >= 0}.
     *
     * @return the number of rows
     * @throws InvalidInputException naming the file, line and value
     */
    public static long forEach(Path path, int nodeCount, RowSink sink) {
        int actions = Action.values().length;
        int[] counts = new int[actions];
        long[] rows = {0};
        TextFiles.forEachLine(path, "interactions", (line, part, lineNo) -> {
            if (line.isEmpty() || line.startsWith("src\t")) {
                if (line.startsWith("src\t") && !line.equals(HEADER)) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: header must be '%s', got '%s'", part, lineNo, HEADER, line));
                }
                return;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 2 + actions) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s line %d: expected %d columns (%s), got %d", part, lineNo, 2 + actions,
                        HEADER.replace('\t', ' '), cols.length));
            }
            int src = node(cols[0], nodeCount, part, lineNo);
            int dst = node(cols[1], nodeCount, part, lineNo);
            for (int a = 0; a < actions; a++) {
                counts[a] = count(cols[2 + a], Action.values()[a], part, lineNo);
            }
            sink.accept(src, dst, counts);
            rows[0]++;
        });
        return rows[0];
    }

    private static int node(String value, int nodeCount, Path part, long lineNo) {
        try {
            int node = Integer.parseInt(value);
            if (node >= 0 && node < nodeCount) {
                return node;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new InvalidInputException(String.format(Locale.ROOT,
                "%s line %d: '%s' is not a node id of this graph (0..%d)", part, lineNo, value, nodeCount - 1));
    }

    private static int count(String value, Action action, Path part, long lineNo) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new InvalidInputException(String.format(Locale.ROOT,
                "%s line %d: %s count must be an integer >= 0, got '%s'", part, lineNo, action, value));
    }
}
