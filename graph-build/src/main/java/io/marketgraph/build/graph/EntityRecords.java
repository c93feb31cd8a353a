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
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;

/**
 * The records of one entity table part, as column -> text: CSV with a header ({@code .csv}),
 * JSON Lines ({@code .jsonl}, {@code .json}, {@code .ndjson}), either gzipped ({@code .gz}), or
 * Parquet ({@code .parquet}, read with parquet-hadoop, the reader Spark itself uses). A JSON or
 * Parquet number or boolean reads as its text, null as absent. Entities are reference data: a line
 * that is not one JSON object (two objects on a line included) fails the run naming the file and line.
 */
final class EntityRecords {

    private EntityRecords() {}

    static boolean isJson(Path part) {
        String name = part.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        return name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson");
    }

    static boolean isParquet(Path part) {
        return part.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /**
     * Calls {@code sink} with (where, record) for every record of {@code part}; where is "FILE line N"
     * ("FILE row N" for Parquet).
     */
    static void read(Path part, BiConsumer<String, Map<String, String>> sink) {
        if (isParquet(part)) {
            parquet(part, sink);
            return;
        }
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

    /** Top-level primitive columns as text (strings as UTF-8, numbers as digits); nested columns as their text form. */
    private static void parquet(Path part, BiConsumer<String, Map<String, String>> sink) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(part.toUri())).build()) {
            Group row;
            long rowNo = 0;
            while ((row = reader.read()) != null) {
                rowNo++;
                GroupType type = row.getType();
                Map<String, String> record = new HashMap<>();
                for (int f = 0; f < type.getFieldCount(); f++) {
                    if (row.getFieldRepetitionCount(f) == 0) {
                        continue;  // null
                    }
                    String value = type.getType(f).isPrimitive() ? row.getValueToString(f, 0) : row.getGroup(f, 0).toString();
                    record.put(type.getFieldName(f).toLowerCase(Locale.ROOT), value.trim());
                }
                sink.accept(part + " row " + rowNo, record);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(part + ": not a readable Parquet file (" + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
