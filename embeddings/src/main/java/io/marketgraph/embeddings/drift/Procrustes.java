package io.marketgraph.embeddings.drift;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Orthogonal Procrustes: the rotation R (dim x dim, orthogonal) minimising ||A R - B|| over the
 * shared nodes, A their new vectors and B their old ones: with A^T B = U S V^T, R = U V^T
 * (Schönemann 1966). Applied to every new vector it puts the new space onto the old one without
 * changing any distance or cosine inside the new space.
 */
public final class Procrustes {

    private Procrustes() {}

    /**
     * @param now    new vectors (row-major, {@code dim} a row); rows {@code nowRows} are the shared nodes
     * @param before old vectors; rows {@code beforeRows}, pairwise with {@code nowRows}
     * @return R, row-major dim x dim
     */
    public static double[] rotation(float[] now, int[] nowRows, float[] before, int[] beforeRows, int dim) {
        DMatrixRMaj m = new DMatrixRMaj(dim, dim);
        double[] cross = m.data;
        for (int i = 0; i < nowRows.length; i++) {
            int a = nowRows[i] * dim;
            int b = beforeRows[i] * dim;
            for (int r = 0; r < dim; r++) {
                double ar = now[a + r];
                int row = r * dim;
                for (int c = 0; c < dim; c++) {
                    cross[row + c] += ar * before[b + c];
                }
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dim, dim, true, true, false);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD of the " + dim + " x " + dim + " cross-covariance did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj rot = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransB(u, v, rot);
        return rot.data;
    }

    /** Every row of {@code vectors} times R, in place. */
    public static void apply(float[] vectors, int dim, double[] rotation) {
        double[] row = new double[dim];
        for (int off = 0; off < vectors.length; off += dim) {
            java.util.Arrays.fill(row, 0);
            for (int r = 0; r < dim; r++) {
                double x = vectors[off + r];
                int base = r * dim;
                for (int c = 0; c < dim; c++) {
                    row[c] += x * rotation[base + c];
                }
            }
            for (int c = 0; c < dim; c++) {
                vectors[off + c] = (float) row[c];
            }
        }
    }
}
