package io.marketgraph.personalize.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatLog1pTest {

    private static void same(double x) {
        assertEquals(Float.floatToRawIntBits((float) StrictMath.log1p(x)), Float.floatToRawIntBits(FloatLog1p.of(x)),
                () -> "log1p(" + x + ")");
    }

    @Test
    void is_the_float_of_strict_log1p_everywhere() {
        for (double x : new double[] {0, -0.0, 1e-300, 0x1p-10, Math.nextDown(0x1p-10), 0.5, 1, 2, Math.E - 1, 1e6, 0x1p40,
            Math.nextDown(0x1p40), 1e300, -0.5, -1, -2, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE}) {
            same(x);
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble() * 3650;                         // ages in days, as the features use
                case 1 -> Math.scalb(1 + random.nextDouble(), random.nextInt(-12, 42));
                case 2 -> random.nextInt(0, 1 << 20) / 86_400_000.0 * 1000;  // whole seconds as days
                default -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            };
            same(x);
        }
    }

    @Test
    void near_float_rounding_boundaries_it_still_agrees() {
        // x whose log1p is just beside a midpoint between two floats: the check must send them to Math.log1p
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (random.nextDouble() * 8 + 0.001);
            double midpoint = ((double) f + Math.nextUp(f)) / 2;
            double x = Math.expm1(midpoint);
            for (int k = -3; k <= 3; k++) {
                double xk = x + k * Math.ulp(x);
                same(xk);
            }
        }
    }
}
