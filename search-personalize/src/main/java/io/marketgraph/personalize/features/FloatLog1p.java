package io.marketgraph.personalize.features;

/**
 * {@code (float) Math.log1p(x)}, the float features' log1p, exactly, mostly without the native
 * {@code StrictMath.log1p} call (JDK 17 has no intrinsic for it: about 30 ns a call, 200 calls a
 * re-rank). For {@code x} in [2^-10, 2^40) it takes {@code y = Math.log(1 + x)} (an intrinsic):
 * rounding {@code 1 + x} moves the logarithm by at most 2^-53 and {@code Math.log} is within one
 * ulp, so {@code y} is within {@code |y| * 2^-42} of the exact value, and {@code StrictMath.log1p}
 * (fdlibm, within one ulp) within {@code |y| * 2^-52} of it. When every double within
 * {@code |y| * 2^-40} of {@code y} rounds to the same float (rounding is monotone: both ends do),
 * that float is {@code (float) StrictMath.log1p(x)}; otherwise (a float rounding boundary nearby,
 * or {@code x} outside that range) it calls {@code Math.log1p}. {@code FloatLog1pTest} compares.
 */
final class FloatLog1p {

    private static final double MIN = 0x1p-10;
    private static final double MAX = 0x1p40;

    private FloatLog1p() {}

    static float of(double x) {
        if (x >= MIN && x < MAX) {
            double y = Math.log(1 + x);
            double tolerance = y * 0x1p-40;
            float f = (float) (y - tolerance);
            if (f == (float) (y + tolerance)) {
                return f;
            }
        }
        return (float) Math.log1p(x);
    }
}
