package io.marketgraph.linkpred.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cosine's Vector API dot product gives the scalar loop's doubles, to the bit, for every dimension. */
class NormedVectorsTest {

    @Test
    void vector_and_scalar_dot_products_are_the_same_doubles() {
        assertTrue(NormedVectors.vectorized(), "the tests run with jdk.incubator.vector (argLine), so the vector path is the one checked");
        SplittableRandom random = new SplittableRandom(9);
        for (int dim : new int[] {1, 3, 4, 7, 8, 9, 12, 15, 16, 17, 31, 33, 64, 100, 128}) {
            int rows = 50;
            float[] v = new float[rows * dim];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 1e3 : 1));
            }
            NodeKind[] kinds = new NodeKind[rows];
            Arrays.fill(kinds, NodeKind.POST);
            String[] ids = new String[rows];
            Arrays.setAll(ids, i -> "p" + i);
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            NormedVectors normed = new NormedVectors(new EmbeddingStore(dim, v, new NodeTable(kinds, ids, none, none)));
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < rows; b++) {
                    double dot = NormedVectors.scalarDot(v, a * dim, b * dim, dim, 0, 0, 0, 0, 0);
                    assertEquals(Double.doubleToLongBits(dot), Double.doubleToLongBits(VectorDot.dot(v, a * dim, b * dim, dim)),
                            "dim " + dim + " rows " + a + ", " + b);
                    assertEquals(Cosine.of(v, a * dim, v, b * dim, dim), normed.cosine(a, b), 1e-12);
                }
            }
        }
    }
}
