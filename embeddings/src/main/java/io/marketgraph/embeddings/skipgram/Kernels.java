package io.marketgraph.embeddings.skipgram;

/**
 * The two hot loops of skip-gram over rows of flat float arrays: a dot product, and the fused
 * update {@code neu += g * out[o]; out[o] += g * in[i]}. {@link #best()} picks the Vector API
 * implementation when {@code jdk.incubator.vector} is present (the launcher and tests add it), else
 * the scalar one. Both sum in a fixed order, so results do not depend on JIT timing.
 */
public interface Kernels {

    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** {@code neu[0..n) += g * out[o..o+n)}, then {@code out[o..o+n) += g * in[i..i+n)}. */
    void update(float[] neu, float[] out, int o, float[] in, int i, float g, int n);

    /** {@code a[aOff..aOff+n) += b[0..n)}. */
    void add(float[] a, int aOff, float[] b, int n);

    String name();

    static Kernels best() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            return VectorKernels.INSTANCE;
        } catch (ClassNotFoundException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
