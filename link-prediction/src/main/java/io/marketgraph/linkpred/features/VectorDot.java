package io.marketgraph.linkpred.features;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormedVectors}' dot product on the Vector API, bit for bit the scalar one: eight float
 * products at a time (float multiplies, as the scalar loop does), widened to doubles in two halves
 * and added into four double lanes in index order, so lane {@code k} sums the products at
 * {@code k, k + 4, k + 8, ...} in the order the scalar loop's partial sum {@code k} does; the tail
 * and the final {@code (d0 + d1) + (d2 + d3)} are the scalar code's. About twice as fast on the
 * re-rank's 200 cosines of 128 dimensions. Only loaded when {@link io.marketgraph.linkpred.VectorApi#AVAILABLE}.
 */
final class VectorDot {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

    private VectorDot() {}

    static double dot(float[] v, int ao, int bo, int dim) {
        DoubleVector acc = DoubleVector.zero(D);
        int d = 0;
        for (; d + 8 <= dim; d += 8) {
            FloatVector p = FloatVector.fromArray(F, v, ao + d).mul(FloatVector.fromArray(F, v, bo + d));
            acc = acc.add((DoubleVector) p.convertShape(VectorOperators.F2D, D, 0));
            acc = acc.add((DoubleVector) p.convertShape(VectorOperators.F2D, D, 1));
        }
        return NormedVectors.scalarDot(v, ao, bo, dim, d, acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3));
    }
}
