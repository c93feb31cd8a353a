package io.marketgraph.embeddings.skipgram;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code FloatVector.SPECIES_PREFERRED} (8 lanes with AVX2), FMA throughout, a
 * scalar tail. The dot product keeps two accumulators and sums their lanes in index order rather
 * than with {@code reduceLanes}, whose intrinsic and interpreted forms may add in different orders:
 * the result is the same whether the loop runs interpreted or compiled.
 */
public final class VectorKernels implements Kernels {

    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

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
        FloatVector acc = acc0.add(acc1);
        float s = 0f;
        for (int lane = 0; lane < L; lane++) {
            s += acc.lane(lane);
        }
        for (; k < n; k++) {
            s += a[aOff + k] * b[bOff + k];
        }
        return s;
    }

    @Override
    public void update(float[] neu, float[] out, int o, float[] in, int i, float g, int n) {
        FloatVector gv = FloatVector.broadcast(S, g);
        int k = 0;
        int bound = S.loopBound(n);
        for (; k < bound; k += L) {
            FloatVector w = FloatVector.fromArray(S, out, o + k);
            w.fma(gv, FloatVector.fromArray(S, neu, k)).intoArray(neu, k);
            FloatVector.fromArray(S, in, i + k).fma(gv, w).intoArray(out, o + k);
        }
        for (; k < n; k++) {
            float w = out[o + k];
            neu[k] = Math.fma(w, g, neu[k]);
            out[o + k] = Math.fma(in[i + k], g, w);
        }
    }

    @Override
    public void add(float[] a, int aOff, float[] b, int n) {
        int k = 0;
        int bound = S.loopBound(n);
        for (; k < bound; k += L) {
            FloatVector.fromArray(S, a, aOff + k).add(FloatVector.fromArray(S, b, k)).intoArray(a, aOff + k);
        }
        for (; k < n; k++) {
            a[aOff + k] += b[k];
        }
    }

    @Override
    public String name() {
        return "vector(" + S + ")";
    }
}
