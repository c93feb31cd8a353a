package io.marketgraph.linkpred.retrieval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product of an ANN scan (a query against each stored vector of the probed cells) on the Vector
 * API: eight fused multiply-adds at a time, one reduction at the end. JFR over recommendations on a
 * 1M-post model put 64 % of a request's samples in the scalar loop of {@link IvfIndex#dot}. Its float
 * rounding differs from the scalar loop's in the last bits, so only the scans use it; index builds
 * (k-means, cell assignment) stay on the scalar loop and give the same index everywhere. Only loaded
 * when {@link io.marketgraph.linkpred.VectorApi#AVAILABLE} (the launcher and the tests add the module).
 */
final class VectorScan {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    private VectorScan() {}

    static float dot(float[] q, float[] v, int vo, int dim) {
        FloatVector acc = FloatVector.zero(F);
        int d = 0;
        for (; d + 8 <= dim; d += 8) {
            acc = FloatVector.fromArray(F, q, d).fma(FloatVector.fromArray(F, v, vo + d), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; d < dim; d++) {
            s += q[d] * v[vo + d];
        }
        return s;
    }
}
