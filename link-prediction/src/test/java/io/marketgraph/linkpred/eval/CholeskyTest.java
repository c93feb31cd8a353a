package io.marketgraph.linkpred.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** The textbook example A = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]]; b = A (1, 2, 3). */
    @Test
    void solves_the_textbook_3x3_system_exactly() {
        double[] a = {4, 12, -16, 12, 37, -43, -16, -43, 98};
        double[] b = {4 * 1 + 12 * 2 - 16 * 3, 12 * 1 + 37 * 2 - 43 * 3, -16 * 1 - 43 * 2 + 98 * 3};
        assertArrayEquals(new double[] {1, 2, 3}, Cholesky.solve(a, b, 3), 1e-12);
    }

    @Test
    void a_diagonal_system_divides_and_a_1x1_is_a_division() {
        assertArrayEquals(new double[] {2, -0.5}, Cholesky.solve(new double[] {2, 0, 0, 8}, new double[] {4, -4}, 2), 1e-15);
        assertArrayEquals(new double[] {0.25}, Cholesky.solve(new double[] {4}, new double[] {1}, 1), 1e-15);
    }

    @Test
    void a_matrix_that_is_not_positive_definite_is_refused() {
        // eigenvalues 3 and -1
        assertThrows(ArithmeticException.class, () -> Cholesky.solve(new double[] {1, 2, 2, 1}, new double[] {1, 1}, 2));
    }
}
