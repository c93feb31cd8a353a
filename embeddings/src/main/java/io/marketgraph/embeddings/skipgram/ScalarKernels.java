package io.marketgraph.embeddings.skipgram;

/** Plain loops: the fallback when the Vector API module is not on the JVM. */
public final class ScalarKernels implements Kernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int k = 0; k < n; k++) {
            s += a[aOff + k] * b[bOff + k];
        }
        return s;
    }

    @Override
    public void update(float[] neu, float[] out, int o, float[] in, int i, float g, int n) {
        for (int k = 0; k < n; k++) {
            float w = out[o + k];
            neu[k] += g * w;
            out[o + k] = w + g * in[i + k];
        }
    }

    @Override
    public void add(float[] a, int aOff, float[] b, int n) {
        for (int k = 0; k < n; k++) {
            a[aOff + k] += b[k];
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
