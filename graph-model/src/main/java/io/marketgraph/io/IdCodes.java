package io.marketgraph.io;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A graph directory's {@code id-codes.json}: for each of {@code region_id} and {@code category_id}
 * whose entity ids are not all integers, the external id -> the dense code the node tables carry
 * (build-graph writes it). A column it does not list keeps integer ids as their own codes.
 */
public final class IdCodes {

    public static final String FILE = "id-codes.json";
    public static final String REGION = "region_id";
    public static final String CATEGORY = "category_id";

    private static final IdCodes INTEGERS = new IdCodes(Map.of());

    private final Map<String, Map<String, Integer>> codes;

    private IdCodes(Map<String, Map<String, Integer>> codes) {
        this.codes = codes;
    }

    /** The codes of a graph directory (or a model version's serving copy of it); without the file, integer ids. */
    public static IdCodes read(Path graphDir) {
        Path file = graphDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return INTEGERS;
        }
        try {
            return new IdCodes(Map.copyOf(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Map<String, Integer>>>() {})));
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: expected {\"region_id\": {id: code}, \"category_id\": {id: code}}: %s", file, e.getMessage()));
        }
    }

    /** Whether {@code column}'s ids are coded (not integers). */
    public boolean coded(String column) {
        return codes.containsKey(column);
    }

    /**
     * The node-table code of {@code id} in {@code column}, or -1 when the graph has no such id: coded
     * columns look the id up; other columns take a non-negative integer as its own code.
     */
    public int code(String column, String id) {
        if (id == null) {
            return -1;
        }
        Map<String, Integer> byId = codes.get(column);
        if (byId != null) {
            return byId.getOrDefault(id.trim(), -1);
        }
        try {
            int code = Integer.parseInt(id.trim());
            return code >= 0 ? code : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
