package io.marketgraph.linkpred.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Isotonic regression of the engagement label on the raw model score (pool-adjacent-violators),
 * served as a monotone piecewise-linear map through the pooled blocks' (mean score, observed rate):
 * a raw score becomes a probability of engagement, and the order of distinct raw scores is kept
 * (ties only where PAV pooled them flat). Outside the fitted range the end values hold.
 */
public final class IsotonicCalibrator implements Calibrator {

    static final String KIND = "isotonic";

    private final double[] x;
    private final double[] y;

    IsotonicCalibrator(double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("a calibrator needs as many x as y knots, at least one; got " + x.length + ", " + y.length);
        }
        this.x = x;
        this.y = y;
    }

    /** Fits on raw scores and 0/1 labels. */
    public static IsotonicCalibrator fit(float[] scores, boolean[] labels) {
        int n = scores.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("calibration needs scores and as many labels, at least one; got " + n + ", " + labels.length);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double[] sumX = new double[n];
        double[] sumY = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            int r = order[i];
            sumX[blocks] = scores[r];
            sumY[blocks] = labels[r] ? 1 : 0;
            count[blocks] = 1;
            blocks++;
            // equal raw scores must map to one value: pool them, then pool while the rates decrease
            while (blocks > 1 && (sumX[blocks - 2] / count[blocks - 2] == sumX[blocks - 1] / count[blocks - 1]
                    || sumY[blocks - 2] / count[blocks - 2] >= sumY[blocks - 1] / count[blocks - 1])) {
                sumX[blocks - 2] += sumX[blocks - 1];
                sumY[blocks - 2] += sumY[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        double[] x = new double[blocks];
        double[] y = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            x[b] = sumX[b] / count[b];
            y[b] = sumY[b] / count[b];
        }
        return new IsotonicCalibrator(x, y);
    }

    @Override
    public double apply(double raw) {
        if (raw <= x[0]) {
            return y[0];
        }
        if (raw >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int i = Arrays.binarySearch(x, raw);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (raw - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }

    @Override
    public String kind() {
        return KIND;
    }

    public int knots() {
        return x.length;
    }

    @Override
    public void write(Path file) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("kind", KIND);
        json.set("x", Json.MAPPER.valueToTree(x));
        json.set("y", Json.MAPPER.valueToTree(y));
        Json.write(file, json);
    }

    public static IsotonicCalibrator read(Path file) {
        return read(file, Json.read(file, JsonNode.class));
    }

    static IsotonicCalibrator read(Path file, JsonNode json) {
        JsonNode xs = json.get("x");
        JsonNode ys = json.get("y");
        if (xs == null || ys == null || !xs.isArray() || !ys.isArray() || xs.size() != ys.size() || xs.size() == 0) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: calibration needs arrays \"x\" and \"y\" of one non-zero length", file));
        }
        double[] x = new double[xs.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = xs.get(i).asDouble();
            y[i] = ys.get(i).asDouble();
            if (i > 0 && (x[i] <= x[i - 1] || y[i] < y[i - 1])) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: knot %d (x=%s, y=%s) does not increase from knot %d", file, i, x[i], y[i], i - 1));
            }
        }
        return new IsotonicCalibrator(x, y);
    }
}
