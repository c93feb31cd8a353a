package io.marketgraph.linkpred.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A monotone map from a ranker's raw score to a probability of engagement, fitted on labelled
 * candidates the ranker did not train on. Saved as JSON with its {@code kind}.
 */
public interface Calibrator {

    /** The calibrated probability of a raw score. */
    double apply(double raw);

    /** "isotonic" or "platt": the file's {@code kind}. */
    String kind();

    void write(Path file);

    static Calibrator read(Path file) {
        JsonNode json = Json.read(file, JsonNode.class);
        String kind = json.path("kind").asText("");
        return switch (kind) {
            case IsotonicCalibrator.KIND -> IsotonicCalibrator.read(file, json);
            case PlattCalibrator.KIND -> PlattCalibrator.read(file, json);
            default -> throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: calibration kind must be \"%s\" or \"%s\", got \"%s\"", file, IsotonicCalibrator.KIND,
                    PlattCalibrator.KIND, kind));
        };
    }
}
