package io.marketgraph.linkpred.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void equal_mass_bins_and_the_expected_calibration_error() {
        // 4 predictions of 0.1 with 1 hit, 4 of 0.5 with 4 hits: two bins, |0.1-0.25| and |0.5-1|
        float[] s = {0.1f, 0.1f, 0.1f, 0.1f, 0.5f, 0.5f, 0.5f, 0.5f};
        boolean[] y = {true, false, false, false, true, true, true, true};
        Reliability r = Reliability.of(s, y, 2);
        assertEquals(2, r.bins().size());
        assertEquals(4, r.bins().get(0).count());
        assertEquals(0.25, r.bins().get(0).observedRate(), 1e-9);
        assertEquals(0.5 * 0.15 + 0.5 * 0.5, r.ece(), 1e-6);
        assertEquals(1.0, r.topBinRelativeGap(), 1e-6, "the top bin engages at twice its score");
        assertEquals(0.3, r.meanScore(), 1e-6, "(4 x 0.1 + 4 x 0.5) / 8");
        assertEquals(5 / 8.0, r.observedRate(), 1e-9);
    }

    @Test
    void calibrated_probabilities_have_a_small_error() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 100000;
        float[] s = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (random.nextDouble() * 0.2);
            y[i] = random.nextDouble() < s[i];
        }
        Reliability r = Reliability.of(s, y, 15);
        assertEquals(15, r.bins().size());
        assertTrue(r.ece() < 0.005, "ECE " + r.ece());
        assertTrue(Math.abs(r.topBinRelativeGap()) < 0.1, "top bin " + r.topBinRelativeGap());
    }
}
