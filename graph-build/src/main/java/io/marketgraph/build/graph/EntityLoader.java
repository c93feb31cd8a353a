package io.marketgraph.build.graph;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the entity tables ({@code users}, {@code posts}, {@code businesses}: each a {@code .csv},
 * {@code .jsonl} / {@code .json} / {@code .ndjson}, gzipped or not, a {@code .parquet} file, or a
 * directory of such parts (Spark's Parquet output included), with
 * the columns of DESIGN.md; see {@link EntityRecords}) into a {@link NodeIndex}. Entities are reference
 * data: a bad row (missing column, duplicate id, unknown status) fails the run with the file, line and
 * value, rather than being skipped. {@code businesses} may be absent (then there are none); users and
 * posts must exist.
 *
 * <p>Region and category ids are strings, as real systems' are. When every one of them is an
 * integer, the graph keeps those integers (the generator's ids, {@code region=5} in the API); when
 * any is not ({@code seoul-gangnam-3}), each distinct id gets a dense code (0, 1, ... in id order),
 * the node tables carry the codes, and {@link #codes} (written to the graph directory's
 * {@code id-codes.json}) maps the ids to them.
 */
public final class EntityLoader {

    private EntityLoader() {}

    private record Row(String id, String region, String category, byte status, String sellerKind, String sellerId) {}

    /**
     * The region and category codes of the last {@link #load}: column name ("region_id", "category_id")
     * -> external id -> code; a column whose ids are all integers is absent (they are their own codes).
     */
    public record Loaded(NodeIndex index, Map<String, Map<String, Integer>> codes) {}

    public static NodeIndex load(Path entitiesDir) {
        return loadWithCodes(entitiesDir).index();
    }

    public static Loaded loadWithCodes(Path entitiesDir) {
        List<Row> users = read(entitiesDir, "users", true, NodeKind.USER);
        List<Row> posts = read(entitiesDir, "posts", true, NodeKind.POST);
        List<Row> businesses = read(entitiesDir, "businesses", false, NodeKind.BUSINESS);
        List<Row> all = new ArrayList<>(users);
        all.addAll(posts);
        all.addAll(businesses);
        Map<String, Integer> regionCodes = codes(all.stream().map(Row::region).toList());
        Map<String, Integer> categoryCodes = codes(all.stream().map(Row::category).toList());
        int n = all.size();
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
                region[node] = code(r.region(), regionCodes);
                category[node] = code(r.category(), categoryCodes);
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
        Map<String, Map<String, Integer>> codes = new TreeMap<>();
        if (regionCodes != null) {
            codes.put("region_id", regionCodes);
        }
        if (categoryCodes != null) {
            codes.put("category_id", categoryCodes);
        }
        return new Loaded(new NodeIndex(users.size(), posts.size(), businesses.size(), ids, region, category, status, seller),
                codes);
    }

    /** null when every id is a non-negative integer (its own code); else id -> dense code in id order. */
    private static Map<String, Integer> codes(List<String> values) {
        boolean integers = values.stream().allMatch(v -> v == null || v.matches("\\d{1,9}"));
        if (integers) {
            return null;
        }
        Map<String, Integer> codes = new TreeMap<>();
        values.stream().filter(java.util.Objects::nonNull).sorted().distinct().forEach(v -> codes.put(v, codes.size()));
        return codes;
    }

    private static int code(String value, Map<String, Integer> codes) {
        return value == null ? -1 : codes == null ? Integer.parseInt(value) : codes.get(value);
    }

    /** The file or directory holding table {@code name}, or null. */
    static Path locate(Path dir, String name) {
        for (String candidate : List.of(name + ".csv", name + ".csv.gz", name + ".jsonl", name + ".jsonl.gz",
                name + ".json", name + ".json.gz", name + ".ndjson", name + ".ndjson.gz", name + ".parquet", name)) {
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
                        "entities directory %s has no %s table: expected %s.csv, %s.jsonl (.gz either), %s.parquet or a directory %s/",
                        dir, table, table, table, table, table));
            }
            return List.of();
        }
        String idColumn = kind == NodeKind.USER ? "user_id" : kind == NodeKind.POST ? "post_id" : "business_id";
        List<Row> rows = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path part : TextFiles.parts(path)) {
            EntityRecords.read(part, (where, record) -> {
                String id = column(record, idColumn, where, true);
                String previous = seen.putIfAbsent(id, where);
                if (previous != null) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s: duplicate %s '%s' (first at %s)", where, idColumn, id, previous));
                }
                String region = emptyToNull(column(record, "region_id", where, kind != NodeKind.USER));
                String category = kind == NodeKind.USER ? null : column(record, "category_id", where, true);
                byte status = -1;
                String sellerKind = null;
                String sellerId = null;
                if (kind == NodeKind.POST) {
                    String s = column(record, "status", where, true);
                    try {
                        status = (byte) PostStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)).ordinal();
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException(String.format(Locale.ROOT,
                                "%s: status must be one of ACTIVE, RESERVED, SOLD, HIDDEN, got '%s'", where, s));
                    }
                    sellerKind = record.get("seller_kind");
                    sellerId = record.get("seller_id");
                }
                rows.add(new Row(id, region, category, status, sellerKind, sellerId));
            });
        }
        rows.sort(Comparator.comparing(Row::id));
        return rows;
    }

    private static String column(Map<String, String> record, String column, String where, boolean required) {
        String v = record.get(column);
        if (required && (v == null || v.isEmpty())) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: column '%s' is %s (columns: %s)", where, column,
                    v == null ? "missing" : "empty", new TreeMap<>(record).keySet()));
        }
        return v;
    }

    private static String emptyToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }
}
