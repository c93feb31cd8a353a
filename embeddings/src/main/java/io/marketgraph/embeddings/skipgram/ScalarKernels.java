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
    public void dots(float[] in, int i, float[] out, int[] rows, int count, float[] result, int n) {
        for (int j = 0; j < count; j++) {
            result[j] = dot(in, i, out, rows[j], n);
        }
    }

    @Override
    public void update(float[] in, int i, float[] out, int[] rows, float[] g, int count, int n) {
        for (int k = 0; k < n; k++) {
            float x = in[i + k];
            float e = 0f;
            for (int j = 0; j < count; j++) {
                int o = rows[j] + k;
                float w = out[o];
                e += g[j] * w;
                out[o] = w + g[j] * x;
            }
            in[i + k] = x + e;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
