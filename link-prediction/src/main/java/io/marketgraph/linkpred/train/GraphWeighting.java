package io.marketgraph.linkpred.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.model.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The action weights and decay half-life build-graph used for the graph's edges (its report.json
 * {@code action_weights} and {@code half_life_days}): the baselines weigh interactions the same way
 * and undo the decay to date them. A graph without them (a hand-built test graph) gets the defaults,
 * and the report says so ({@code source}).
 */
record GraphWeighting(double[] actionWeights, double halfLifeDays, String source) {

    private static final double DEFAULT_HALF_LIFE_DAYS = 30.0;

    static GraphWeighting of(Path graph) {
        Path report = graph.resolve(GraphDirectory.REPORT);
        double[] weights = new double[Action.values().length];
        for (Action a : Action.values()) {
            weights[a.ordinal()] = a.defaultWeight();
        }
        if (!Files.isRegularFile(report)) {
            return new GraphWeighting(weights, DEFAULT_HALF_LIFE_DAYS, "defaults: " + report + " is missing");
        }
        JsonNode json = Json.read(report, JsonNode.class);
        JsonNode w = json.get("action_weights");
        JsonNode h = json.get("half_life_days");
        if (w == null || h == null) {
            return new GraphWeighting(weights, DEFAULT_HALF_LIFE_DAYS,
                    "defaults: " + report + " has no action_weights / half_life_days");
        }
        for (Action a : Action.values()) {
            JsonNode v = w.get(a.name());
            if (v == null || !v.isNumber()) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: action_weights.%s must be a number, got %s", report, a.name(), v));
            }
            weights[a.ordinal()] = v.asDouble();
        }
        if (!h.isNumber() || !(h.asDouble() > 0)) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: half_life_days must be a number > 0, got %s", report, h));
        }
        return new GraphWeighting(weights, h.asDouble(), "build-graph report.json");
    }
}
