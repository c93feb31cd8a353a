package io.marketgraph.embeddings.skipgram;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code FloatVector.SPECIES_PREFERRED} (8 lanes with AVX2), FMA throughout, a
 * scalar tail. Dot products sum their lanes as a fixed tree of lane-wise adds rather than with
 * {@code reduceLanes}, whose intrinsic and interpreted forms may add in different orders: the result
 * is the same whether the loop runs interpreted or compiled.
 */
public final class VectorKernels implements Kernels {

    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Float>[] FOLDS = folds();

    private VectorKernels() {}

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int k = 0;
        int bound2 = n - 2 * L;
        for (; k <= bound2; k += 2 * L) {
            acc0 = FloatVector.fromArray(S, a, aOff + k).fma(FloatVector.fromArray(S, b, bOff + k), acc0);
            acc1 = FloatVector.fromArray(S, a, aOff + k + L).fma(FloatVector.fromArray(S, b, bOff + k + L), acc1);
        }
        if (k <= n - L) {
            acc0 = FloatVector.fromArray(S, a, aOff + k).fma(FloatVector.fromArray(S, b, bOff + k), acc0);
            k += L;
        }
        float s = sumLanes(acc0.add(acc1));
        for (; k < n; k++) {
            s += a[aOff + k] * b[bOff + k];
        }
        return s;
    }

    /** Three targets per pass, so the input row is loaded once for three dot products. */
    @Override
    public void dots(float[] in, int i, float[] out, int[] rows, int count, float[] result, int n) {
        int j = 0;
        for (; j + 3 <= count; j += 3) {
            dot3(in, i, out, rows[j], rows[j + 1], rows[j + 2], result, j, n);
        }
        for (; j < count; j++) {
            result[j] = dot(in, i, out, rows[j], n);
        }
    }

    private static void dot3(float[] in, int i, float[] out, int o0, int o1, int o2, float[] result, int j, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        int k = 0;
        int bound = S.loopBound(n);
        for (; k < bound; k += L) {
            FloatVector x = FloatVector.fromArray(S, in, i + k);
            acc0 = x.fma(FloatVector.fromArray(S, out, o0 + k), acc0);
            acc1 = x.fma(FloatVector.fromArray(S, out, o1 + k), acc1);
            acc2 = x.fma(FloatVector.fromArray(S, out, o2 + k), acc2);
        }
        float s0 = sumLanes(acc0);
        float s1 = sumLanes(acc1);
        float s2 = sumLanes(acc2);
        for (; k < n; k++) {
            float x = in[i + k];
            s0 += x * out[o0 + k];
            s1 += x * out[o1 + k];
            s2 += x * out[o2 + k];
        }
        result[j] = s0;
        result[j + 1] = s1;
        result[j + 2] = s2;
    }

    /**
     * The lanes summed as a fixed tree (lane k + lane k^half, halving), by explicit lane-wise adds
     * and a constant-index extract: fast compiled, and the same adds in the same order interpreted.
     */
    private static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int s = 0, half = L / 2; s < steps; s++, half /= 2) {
            int h = half;
            folds[s] = VectorShuffle.fromOp(S, lane -> lane ^ h);
        }
        return folds;
    }

    @Override
    public void update(float[] in, int i, float[] out, int[] rows, float[] g, int count, int n) {
        int k = 0;
        int bound = S.loopBound(n);
        for (; k < bound; k += L) {
            FloatVector x = FloatVector.fromArray(S, in, i + k);
            FloatVector e = FloatVector.zero(S);
            for (int j = 0; j < count; j++) {
                int o = rows[j] + k;
                FloatVector gv = FloatVector.broadcast(S, g[j]);
                FloatVector w = FloatVector.fromArray(S, out, o);
                e = w.fma(gv, e);
                x.fma(gv, w).intoArray(out, o);
            }
            x.add(e).intoArray(in, i + k);
        }
        for (; k < n; k++) {
            float x = in[i + k];
            float e = 0f;
            for (int j = 0; j < count; j++) {
                int o = rows[j] + k;
                float w = out[o];
                e = Math.fma(w, g[j], e);
                out[o] = Math.fma(x, g[j], w);
            }
            in[i + k] = x + e;
        }
    }

    @Override
    public String name() {
        return "vector(" + S + ")";
    }
}
