package io.marketgraph.io;

import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
import io.marketgraph.model.PostStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What each dense node is: kind, external id, region and category (-1 where not applicable). The
 * plain-Java form of a graph directory's {@code nodes/}, read from {@code nodes.tsv/}: tab-separated
 * parts with the header {@value #HEADER}.
 *
 * <p>The ninth column {@code status} (optional when reading) carries a post's {@link PostStatus} (empty for other
 * kinds, or absent: then {@link #status(int)} is {@code null}).
 *
 * <p>For a plain edge list there is no kind: {@link #kind(int)} is {@code null} and the id is the
 * token of the input file.
 */
public final class NodeTable {

    public static final String HEADER = "node\tkind\tid\tregion\tcategory\tdegree\tpagerank\tcomponent\tstatus";

    private final NodeKind[] kinds;
    private final String[] ids;
    private final int[] regions;
    private final int[] categories;
    private final PostStatus[] statuses;

    public NodeTable(NodeKind[] kinds, String[] ids, int[] regions, int[] categories) {
        this(kinds, ids, regions, categories, new PostStatus[ids.length]);
    }

    public NodeTable(NodeKind[] kinds, String[] ids, int[] regions, int[] categories, PostStatus[] statuses) {
        if (kinds.length != ids.length || ids.length != regions.length || regions.length != categories.length
                || categories.length != statuses.length) {
            throw new IllegalArgumentException("node table columns differ in length");
        }
        this.kinds = kinds;
        this.ids = ids;
        this.regions = regions;
        this.categories = categories;
        this.statuses = statuses;
    }

    /** A table for a plain edge list: ids only, no kinds, regions or categories. */
    public static NodeTable untyped(String[] ids) {
        int[] none = new int[ids.length];
        Arrays.fill(none, -1);
        return new NodeTable(new NodeKind[ids.length], ids, none, none.clone());
    }

    public int size() {
        return ids.length;
    }

    public NodeKind kind(int node) {
        return kinds[node];
    }

    public String id(int node) {
        return ids[node];
    }

    public int region(int node) {
        return regions[node];
    }

    public int category(int node) {
        return categories[node];
    }

    /** A post's status, or {@code null} when not a post or the table has no status column. */
    public PostStatus status(int node) {
        return statuses[node];
    }

    public String[] ids() {
        return ids;
    }

    public NodeRef ref(int node) {
        return new NodeRef(kinds[node], ids[node]);
    }

    /**
     * Reads {@code nodes.tsv} (a file or a directory of parts). Every node 0..n-1 must appear once.
     *
     * @throws InvalidInputException naming the file, line and the offending value
     */
    public static NodeTable read(Path path) {
        List<String[]> rows = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Path part : TextFiles.parts(path)) {
            try (BufferedReader in = TextFiles.open(part)) {
                String line;
                long lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isEmpty() || line.startsWith("node\t")) {
                        continue;
                    }
                    String[] cols = line.split("\t", -1);
                    if (cols.length < 5) {
                        throw new InvalidInputException(String.format(Locale.ROOT,
                                "%s line %d: expected the columns '%s', got %d columns",
                                part, lineNo, HEADER.replace('\t', ' '), cols.length));
                    }
                    rows.add(cols);
                    where.add(part + " line " + lineNo);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read node table " + part, e);
            }
        }
        int n = rows.size();
        NodeKind[] kinds = new NodeKind[n];
        String[] ids = new String[n];
        int[] regions = new int[n];
        int[] categories = new int[n];
        PostStatus[] statuses = new PostStatus[n];
        for (int i = 0; i < n; i++) {
            String[] cols = rows.get(i);
            int node = parseInt(cols[0], "node", where.get(i));
            if (node < 0 || node >= n || ids[node] != null) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: node %d is out of range 0..%d or listed twice", where.get(i), node, n - 1));
            }
            try {
                kinds[node] = NodeKind.parse(cols[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where.get(i) + ": " + e.getMessage(), e);
            }
            ids[node] = cols[2];
            regions[node] = cols[3].isEmpty() ? -1 : parseInt(cols[3], "region", where.get(i));
            categories[node] = cols[4].isEmpty() ? -1 : parseInt(cols[4], "category", where.get(i));
            if (cols.length > 8 && !cols[8].isEmpty()) {
                try {
                    statuses[node] = PostStatus.valueOf(cols[8]);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s: column 'status' must be one of ACTIVE, RESERVED, SOLD, HIDDEN, got '%s'", where.get(i), cols[8]), e);
                }
            }
        }
        return new NodeTable(kinds, ids, regions, categories, statuses);
    }

    private static int parseInt(String value, String column, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: column '%s' must be an integer, got '%s'", where, column, value), e);
        }
    }
}
