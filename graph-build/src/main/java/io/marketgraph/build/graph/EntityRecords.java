package io.marketgraph.build.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.CsvLine;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.io.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The records of one entity table part, as column -> text: CSV with a header ({@code .csv}) or
 * JSON Lines ({@code .jsonl}, {@code .json}, {@code .ndjson}), either gzipped ({@code .gz}). A JSON
 * number or boolean reads as its text, null as absent. Entities are reference data: a line that is
 * not one JSON object (two objects on a line included) fails the run naming the file and line.
 */
final class EntityRecords {

    private EntityRecords() {}

    static boolean isJson(Path part) {
        String name = part.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        return name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson");
    }

    /** Calls {@code sink} with (where, record) for every record of {@code part}; where is "FILE line N". */
    static void read(Path part, BiConsumer<String, Map<String, String>> sink) {
        try (BufferedReader in = TextFiles.open(part)) {
            if (isJson(part)) {
                json(part, in, sink);
            } else {
                csv(part, in, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + part, e);
        }
    }

    private static void csv(Path part, BufferedReader in, BiConsumer<String, Map<String, String>> sink) throws IOException {
        String header = in.readLine();
        if (header == null) {
            return;
        }
        String[] cols = CsvLine.split(header.strip());
        String line;
        long lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] v = CsvLine.split(line);
            Map<String, String> record = new HashMap<>();
            for (int i = 0; i < cols.length; i++) {
                record.put(cols[i].trim().toLowerCase(Locale.ROOT), i < v.length ? v[i].trim() : "");
            }
            sink.accept(part + " line " + lineNo, record);
        }
    }

    private static void json(Path part, BufferedReader in, BiConsumer<String, Map<String, String>> sink) throws IOException {
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = part + " line " + lineNo;
            JsonNode node;
            try (JsonParser p = Json.MAPPER.createParser(line)) {
                node = Json.MAPPER.readTree(p);
                if (p.nextToken() != null) {
                    throw new InvalidInputException(where + ": more than one JSON value on the line: '" + abbreviate(line) + "'");
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidInputException(where + ": not JSON: '" + abbreviate(line) + "' ("
                        + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(where + ": expected one JSON object, got '" + abbreviate(line) + "'");
            }
            Map<String, String> record = new HashMap<>();
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    record.put(f.getKey().toLowerCase(Locale.ROOT),
                            f.getValue().isValueNode() ? f.getValue().asText().trim() : f.getValue().toString());
                }
            });
            sink.accept(where, record);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
