package io.marketgraph.linkpred.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsotonicCalibratorTest {

    @TempDir
    Path tmp;

    @Test
    void pools_adjacent_violators_and_interpolates_between_blocks() {
        // labels by score 1..6: 0 1 0 1 1 1 -> PAV blocks {1}:0, {2,3}:0.5, {4,5,6}:1
        IsotonicCalibrator c = IsotonicCalibrator.fit(new float[] {3, 1, 2, 6, 5, 4},
                new boolean[] {false, false, true, true, true, true});
        assertEquals(3, c.knots());
        assertEquals(0.0, c.apply(0.5), 1e-12, "below the range: the first block's rate");
        assertEquals(0.0, c.apply(1), 1e-12);
        assertEquals(0.5, c.apply(2.5), 1e-12, "the middle block's mean score maps to its rate");
        assertEquals(0.25, c.apply(1.75), 1e-12, "halfway between knots 1 and 2.5");
        assertEquals(1.0, c.apply(9), 1e-12);
    }

    @Test
    void recovers_a_monotone_probability_and_round_trips() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int n = 20000;
        float[] raw = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = (float) random.nextDouble();
            y[i] = random.nextDouble() < raw[i] * raw[i];  // true probability: raw^2
        }
        IsotonicCalibrator c = IsotonicCalibrator.fit(raw, y);
        for (double x = 0.1; x < 0.95; x += 0.1) {
            assertEquals(x * x, c.apply(x), 0.05, "calibrated at " + x);
        }
        Path file = tmp.resolve("calibration.json");
        c.write(file);
        IsotonicCalibrator back = IsotonicCalibrator.read(file);
        assertEquals(c.apply(0.37), back.apply(0.37), 0.0);
        assertEquals(c.knots(), back.knots());
    }

    @Test
    void a_file_whose_knots_do_not_increase_is_rejected_with_its_name() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"x\": [0.1, 0.05], \"y\": [0.2, 0.3]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IsotonicCalibrator.read(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("knot 1"), e.getMessage());
    }
}
