package io.marketgraph.embeddings.skipgram;

/**
 * The hot loops of skip-gram over rows of flat float arrays: the dot products of one input row with
 * its target rows, and the update of the input row and all its target rows in one pass. {@link #best()} picks the Vector API
 * implementation when {@code jdk.incubator.vector} is present (the launcher and tests add it), else
 * the scalar one. Both sum in a fixed order, so results do not depend on JIT timing.
 */
public interface Kernels {

    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** {@code result[j] = dot(in row i, out row rows[j])} for j in [0, count). */
    void dots(float[] in, int i, float[] out, int[] rows, int count, float[] result, int n);

    /**
     * word2vec's update of input row {@code in[i..i+n)} against the target rows starting at
     * {@code out[rows[0]]} .. {@code out[rows[count-1]]} with gradients {@code g[0..count)}: every
     * target row gets {@code += g[j] * in}, and the input row gets {@code += sum_j g[j] * out_j}
     * (the target rows as they were before their own update). One pass over the dimensions loads
     * the input row once and every target row once, instead of a pass and an {@code neu1e} buffer
     * per target.
     */
    void update(float[] in, int i, float[] out, int[] rows, float[] g, int count, int n);

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
