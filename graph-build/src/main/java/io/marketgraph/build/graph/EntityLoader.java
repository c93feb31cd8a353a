package io.marketgraph.build.graph;

import io.marketgraph.io.CsvLine;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the entity tables ({@code users}, {@code posts}, {@code businesses}: each a {@code .csv},
 * {@code .csv.gz} or a directory of CSV parts, with a header naming the columns of DESIGN.md) into
 * a {@link NodeIndex}. Entities are reference data: a bad row (missing column, duplicate id,
 * non-integer region, unknown status) fails the run with the file, line and value, rather than
 * being skipped. {@code businesses} may be absent (then there are none); users and posts must exist.
 */
public final class EntityLoader {

    private EntityLoader() {}

    private record Row(String id, int region, int category, byte status, String sellerKind, String sellerId) {}

    public static NodeIndex load(Path entitiesDir) {
        List<Row> users = read(entitiesDir, "users", true, NodeKind.USER);
        List<Row> posts = read(entitiesDir, "posts", true, NodeKind.POST);
        List<Row> businesses = read(entitiesDir, "businesses", false, NodeKind.BUSINESS);
        int n = users.size() + posts.size() + businesses.size();
        String[] ids = new String[n];
        int[] region = new int[n];
        int[] category = new int[n];
        byte[] status = new byte[n];
        int[] seller = new int[n];
        Arrays.fill(seller, -1);
        Map<String, Integer> userNode = new HashMap<>();
        Map<String, Integer> businessNode = new HashMap<>();
        int node = 0;
        for (List<Row> rows : List.of(users, posts, businesses)) {
            for (Row r : rows) {
                ids[node] = r.id();
                region[node] = r.region();
                category[node] = r.category();
                status[node] = r.status();
                if (rows == users) {
                    userNode.put(r.id(), node);
                } else if (rows == businesses) {
                    businessNode.put(r.id(), node);
                }
                node++;
            }
        }
        for (int p = 0; p < posts.size(); p++) {
            Row r = posts.get(p);
            Integer s = "BUSINESS".equalsIgnoreCase(r.sellerKind()) ? businessNode.get(r.sellerId()) : userNode.get(r.sellerId());
            seller[users.size() + p] = s == null ? -1 : s;
        }
        return new NodeIndex(users.size(), posts.size(), businesses.size(), ids, region, category, status, seller);
    }

    /** The file or directory holding table {@code name}, or null. */
    static Path locate(Path dir, String name) {
        for (String candidate : List.of(name + ".csv", name + ".csv.gz", name)) {
            Path p = dir.resolve(candidate);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<Row> read(Path dir, String table, boolean required, NodeKind kind) {
        Path path = locate(dir, table);
        if (path == null) {
            if (required) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "entities directory %s has no %s table: expected %s.csv, %s.csv.gz or a directory %s/",
                        dir, table, table, table, table));
            }
            return List.of();
        }
        String idColumn = kind == NodeKind.USER ? "user_id" : kind == NodeKind.POST ? "post_id" : "business_id";
        List<Row> rows = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path part : TextFiles.parts(path)) {
            try (BufferedReader in = TextFiles.open(part)) {
                String header = in.readLine();
                if (header == null) {
                    continue;
                }
                Columns cols = new Columns(CsvLine.split(header.strip()), part);
                String line;
                long lineNo = 1;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String where = part + " line " + lineNo;
                    String[] v = CsvLine.split(line);
                    String id = cols.get(v, idColumn, where, true);
                    String previous = seen.putIfAbsent(id, where);
                    if (previous != null) {
                        throw new InvalidInputException(String.format(Locale.ROOT,
                                "%s: duplicate %s '%s' (first at %s)", where, idColumn, id, previous));
                    }
                    int region = cols.integer(v, "region_id", where, kind != NodeKind.USER || cols.has("region_id"));
                    int category = kind == NodeKind.USER ? -1 : cols.integer(v, "category_id", where, true);
                    byte status = -1;
                    String sellerKind = null;
                    String sellerId = null;
                    if (kind == NodeKind.POST) {
                        String s = cols.get(v, "status", where, true);
                        try {
                            status = (byte) PostStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)).ordinal();
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException(String.format(Locale.ROOT,
                                    "%s: status must be one of ACTIVE, RESERVED, SOLD, HIDDEN, got '%s'", where, s));
                        }
                        sellerKind = cols.get(v, "seller_kind", where, false);
                        sellerId = cols.get(v, "seller_id", where, false);
                    }
                    rows.add(new Row(id, region, category, status, sellerKind, sellerId));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read " + part, e);
            }
        }
        rows.sort(Comparator.comparing(Row::id));
        return rows;
    }

    private static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();
        private final Path file;

        Columns(String[] header, Path file) {
            this.file = file;
            for (int i = 0; i < header.length; i++) {
                index.put(header[i].trim().toLowerCase(Locale.ROOT), i);
            }
        }

        boolean has(String column) {
            return index.containsKey(column);
        }

        String get(String[] values, String column, String where, boolean required) {
            Integer i = index.get(column);
            if (i == null) {
                if (required) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s: header has no column '%s' (header columns: %s)", file, column, index.keySet()));
                }
                return null;
            }
            String v = i < values.length ? values[i].trim() : "";
            if (required && v.isEmpty()) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s: column '%s' is empty", where, column));
            }
            return v;
        }

        int integer(String[] values, String column, String where, boolean required) {
            String v = get(values, column, where, required);
            if (v == null || v.isEmpty()) {
                return -1;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: column '%s' must be an integer, got '%s'", where, column, v));
            }
        }
    }
}
