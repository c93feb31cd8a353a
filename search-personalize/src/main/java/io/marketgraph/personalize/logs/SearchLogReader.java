package io.marketgraph.personalize.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.Json;
import io.marketgraph.io.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads search logs (JSON Lines, one search a line, gzip or plain, a file or a directory of parts)
 * in the format of DESIGN.md: {@code search_id, ts (epoch ms), user_id, query, candidates
 * [{post_id, base_score}], clicked [post ids]}. A bad line is skipped and counted by reason
 * ({@link #rejected()}); the first few are kept as examples with file and line.
 */
public final class SearchLogReader {

    private final Map<String, Long> rejected = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();
    private long linesRead;

    public List<SearchLog> read(Path path) {
        List<SearchLog> out = new ArrayList<>();
        for (Path part : TextFiles.parts(path)) {
            try (BufferedReader in = TextFiles.open(part)) {
                String line;
                long lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    linesRead++;
                    SearchLog log = parse(line, part + " line " + lineNo);
                    if (log != null) {
                        out.add(log);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read search logs " + part, e);
            }
        }
        return out;
    }

    /** Skipped lines by reason. */
    public Map<String, Long> rejected() {
        return Map.copyOf(rejected);
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }

    public long linesRead() {
        return linesRead;
    }

    private SearchLog parse(String line, String where) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return reject("malformed_json", where);
        }
        if (!node.isObject() || !node.path("search_id").isTextual() || !node.path("user_id").isTextual()
                || !node.path("ts").canConvertToLong() || !node.path("candidates").isArray()) {
            return reject("missing_field", where);
        }
        List<SearchLog.Candidate> candidates = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (JsonNode c : node.get("candidates")) {
            if (!c.path("post_id").isTextual() || !c.path("base_score").isNumber()) {
                return reject("bad_candidate", where);
            }
            if (!shown.add(c.get("post_id").asText())) {
                return reject("duplicate_candidate", where);
            }
            candidates.add(new SearchLog.Candidate(c.get("post_id").asText(), c.get("base_score").asDouble()));
        }
        if (candidates.isEmpty()) {
            return reject("no_candidates", where);
        }
        Set<String> clicked = new LinkedHashSet<>();
        for (JsonNode c : node.path("clicked")) {
            if (!shown.contains(c.asText())) {
                return reject("click_not_shown", where);
            }
            clicked.add(c.asText());
        }
        return new SearchLog(node.get("search_id").asText(), node.get("ts").asLong(), node.get("user_id").asText(),
                node.path("query").asText(""), candidates, clicked);
    }

    private SearchLog reject(String reason, String where) {
        rejected.merge(reason, 1L, Long::sum);
        if (examples.size() < 5) {
            examples.add(reason + " at " + where);
        }
        return null;
    }
}
