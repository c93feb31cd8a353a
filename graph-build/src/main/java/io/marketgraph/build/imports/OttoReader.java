package io.marketgraph.build.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.Action;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The OTTO session log ({@code train.jsonl}): each session becomes a user, each aid a post of one
 * category; clicks are VIEWs, carts LIKEs, orders PURCHASEs. An
 * event of another type is skipped and counted; a line that is not such a session fails with its
 * file, line and value.
 */
final class OttoReader {

    private final Path file;

    OttoReader(Path input) {
        this.file = Files.isDirectory(input) ? input.resolve("train.jsonl") : input;
    }

    void read(InteractionSink sink) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--input " + file + ": no such file (expected OTTO's train.jsonl)");
        }
        Set<String> items = new HashSet<>();
        try (BufferedReader in = TextFiles.open(file)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + lineNo;
                JsonNode session = parse(line, where);
                String user = field(session, "session", where).asText();
                for (JsonNode e : field(session, "events", where)) {
                    String item = field(e, "aid", where).asText();
                    long ts = field(e, "ts", where).asLong();
                    Action action = switch (field(e, "type", where).asText()) {
                        case "clicks" -> Action.VIEW;
                        case "carts" -> Action.LIKE;
                        case "orders" -> Action.PURCHASE;
                        default -> null;
                    };
                    if (action == null) {
                        sink.skipped("otto_event_type_not_clicks_carts_orders");
                        continue;
                    }
                    if (items.add(item)) {
                        sink.item(item, null, null);
                    }
                    sink.interaction(user, item, ts, action);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    private static JsonNode parse(String line, String where) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: not a JSON object: %s", where, e.getOriginalMessage()));
        }
        if (!node.isObject()) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: not a JSON object: '%s'", where, line));
        }
        return node;
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: missing field '%s' in %s", where, name, node));
        }
        boolean wantsNumber = !name.equals("type") && !name.equals("events");
        if ((wantsNumber && !v.isIntegralNumber()) || (name.equals("events") && !v.isArray())) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: field '%s' must be %s, got %s",
                    where, name, name.equals("events") ? "an array" : "an integer", v));
        }
        return v;
    }
}
