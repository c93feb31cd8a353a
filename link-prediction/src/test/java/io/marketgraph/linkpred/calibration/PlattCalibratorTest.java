package io.marketgraph.linkpred.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlattCalibratorTest {

    @TempDir
    Path tmp;

    /** Labels drawn with P(y) = sigmoid(a * logit(raw) + b): the fit recovers a and b. */
    private static Object[] platt(int n, double a, double b, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] raw = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = (float) (0.001 + 0.998 * random.nextDouble());
            double p = 1 / (1 + Math.exp(-(a * PlattCalibrator.logit(raw[i]) + b)));
            y[i] = random.nextDouble() < p;
        }
        return new Object[] {raw, y};
    }

    @Test
    void recovers_the_slope_and_intercept_that_drew_the_labels_and_round_trips() throws Exception {
        Object[] data = platt(50_000, 0.7, -3.0, 5);
        PlattCalibrator c = PlattCalibrator.fit((float[]) data[0], (boolean[]) data[1]);
        assertEquals(0.7, c.slope(), 0.05);
        assertEquals(-3.0, c.intercept(), 0.1);
        // logit(0.5) = 0: the calibrated probability there is sigmoid(b)
        assertEquals(1 / (1 + Math.exp(3.0)), c.apply(0.5), 0.005);
        assertTrue(c.apply(0.999) > c.apply(0.99), "increasing past the fitted range, not held flat");
        Path file = tmp.resolve("calibration.json");
        c.write(file);
        Calibrator back = Calibrator.read(file);
        assertInstanceOf(PlattCalibrator.class, back);
        assertEquals(c.apply(0.37), back.apply(0.37), 0.0);
    }

    @Test
    void an_unknown_kind_or_a_slope_that_is_not_positive_is_rejected_with_the_file_name() throws Exception {
        Path kind = Files.writeString(tmp.resolve("kind.json"), "{\"kind\": \"beta\"}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Calibrator.read(kind));
        assertTrue(e.getMessage().contains("kind.json") && e.getMessage().contains("beta"), e.getMessage());
        Path slope = Files.writeString(tmp.resolve("slope.json"), "{\"kind\": \"platt\", \"a\": -1, \"b\": 0}");
        e = assertThrows(InvalidInputException.class, () -> Calibrator.read(slope));
        assertTrue(e.getMessage().contains("slope.json") && e.getMessage().contains("a=-1"), e.getMessage());
    }

    @Test
    void few_positives_choose_platt_and_many_positives_of_a_non_logistic_curve_choose_isotonic() {
        // 3,000 rows at a rate near 1 %: about 30 positives, Platt's own curve: Platt wins the held-out folds
        Object[] few = platt(3_000, 0.6, -3.5, 7);
        CalibratorChoice small = CalibratorChoice.fit((float[]) few[0], (boolean[]) few[1]);
        assertEquals("platt", small.calibrator().kind(), small.toString());
        assertTrue(small.plattLogLoss() < small.isotonicLogLoss(), small.toString());
        // 40,000 rows whose rate is a step (0.05 below raw 0.5, 0.6 above): no logistic curve fits a step
        SplittableRandom random = new SplittableRandom(9);
        float[] raw = new float[40_000];
        boolean[] y = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) random.nextDouble();
            y[i] = random.nextDouble() < (raw[i] < 0.5 ? 0.05 : 0.6);
        }
        CalibratorChoice large = CalibratorChoice.fit(raw, y);
        assertEquals("isotonic", large.calibrator().kind(), large.toString());
        assertEquals(0.6, large.calibrator().apply(0.8), 0.03);
        assertEquals(CalibratorChoice.FOLDS, large.folds());
    }
}
