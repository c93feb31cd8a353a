package io.marketgraph.linkpred.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.eval.LogisticRegression;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Platt scaling on the log-odds of the raw score: {@code p = sigmoid(a * logit(raw) + b)}, a logistic
 * regression with one feature. Two parameters need far fewer positives than isotonic regression's
 * steps, and the map extends past the fitted range instead of holding its end values. The raw score
 * is a probability (the ranker's sigmoid output), clamped to [1e-7, 1 - 1e-7] before the logit.
 */
public final class PlattCalibrator implements Calibrator {

    static final String KIND = "platt";

    private static final double EPS = 1e-7;

    private final double a;
    private final double b;

    PlattCalibrator(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Platt scaling needs a finite slope > 0 and a finite intercept, got a=%s b=%s", a, b));
        }
        this.a = a;
        this.b = b;
    }

    /** Fits on raw scores and 0/1 labels (needs both labels). */
    public static PlattCalibrator fit(float[] scores, boolean[] labels) {
        int n = scores.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("calibration needs scores and as many labels, at least one; got " + n + ", " + labels.length);
        }
        double[][] x = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = logit(scores[i]);
        }
        LogisticRegression lr = LogisticRegression.fit(x, labels, 1e-6, 50);
        double b = lr.score(new double[] {0});
        return new PlattCalibrator(lr.score(new double[] {1}) - b, b);
    }

    static double logit(double raw) {
        double p = Math.min(1 - EPS, Math.max(EPS, raw));
        return Math.log(p / (1 - p));
    }

    @Override
    public double apply(double raw) {
        return 1 / (1 + Math.exp(-(a * logit(raw) + b)));
    }

    @Override
    public String kind() {
        return KIND;
    }

    public double slope() {
        return a;
    }

    public double intercept() {
        return b;
    }

    @Override
    public void write(Path file) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("kind", KIND);
        json.put("a", a);
        json.put("b", b);
        Json.write(file, json);
    }

    static PlattCalibrator read(Path file, JsonNode json) {
        JsonNode a = json.get("a");
        JsonNode b = json.get("b");
        if (a == null || b == null || !a.isNumber() || !b.isNumber() || !(a.asDouble() > 0)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: Platt calibration needs numbers \"a\" > 0 and \"b\", got a=%s b=%s", file, a, b));
        }
        return new PlattCalibrator(a.asDouble(), b.asDouble());
    }
}
