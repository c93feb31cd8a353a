package io.marketgraph.embeddings.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.TestGraphs;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import org.junit.jupiter.api.Test;

class ProcrustesDriftTest {

    private static float[] random(int n, int dim, long seed) {
        WalkRandom rnd = new WalkRandom().reseed(seed, 1, 2);
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        return v;
    }

    private static String[] ids(int from, int to) {
        String[] ids = new String[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = "n" + i;
        }
        return ids;
    }

    @Test
    void a_rotated_copy_is_rotated_back_and_shows_no_drift() {
        int n = 300;
        int dim = 8;
        float[] old = random(n, dim, 1);
        // a random orthogonal matrix: Procrustes of two random sets is one
        double[] q = Procrustes.rotation(random(n, dim, 2), identity(n), random(n, dim, 3), identity(n), dim);
        float[] rotated = old.clone();
        Procrustes.apply(rotated, dim, q);
        WarmStart match = WarmStart.match(new EmbeddingStore(dim, old, NodeTable.untyped(ids(0, n))),
                NodeTable.untyped(ids(0, n)));
        Drift.Result before = Drift.measure(rotated, old, match, dim, 1);
        assertEquals(1.0, before.neighbourOverlapAt10(), 1e-9, "overlap ignores rotations");
        assertTrue(before.meanCosine() < 0.9, "rotated, not aligned: " + before.meanCosine());
        int[][] pairs = match.pairs();
        Procrustes.apply(rotated, dim, Procrustes.rotation(rotated, pairs[0], old, pairs[1], dim));
        for (int i = 0; i < old.length; i++) {
            assertEquals(old[i], rotated[i], 1e-4, "component " + i);
        }
        Drift.Result after = Drift.measure(rotated, old, match, dim, 1);
        assertEquals(1.0, after.meanCosine(), 1e-6);
        assertEquals(1.0, after.neighbourOverlapAt10(), 1e-9);
    }

    @Test
    void nodes_are_matched_by_kind_and_id_and_counted() {
        int dim = 4;
        EmbeddingStore previous = new EmbeddingStore(dim, random(5, dim, 4), NodeTable.untyped(ids(0, 5)));
        WarmStart match = WarmStart.match(previous, NodeTable.untyped(ids(2, 8)));
        assertEquals(3, match.shared());
        assertEquals(3, match.added());
        assertEquals(2, match.dropped());
        float[] init = match.initialVectors(dim, 9);
        for (int k = 0; k < dim; k++) {
            assertEquals(previous.vectors()[2 * dim + k], init[k], "n2 starts from its old vector");
            assertTrue(Math.abs(init[3 * dim + k]) <= 0.5f / dim, "n5 is new: word2vec's small random start");
        }
        // with the graph, new node n5 (row 3, edges to n2 and n3) starts from its known neighbours' mean
        float[] folded = match.initialVectors(dim, 9, TestGraphs.undirected(6, new int[][] {{3, 0}, {3, 1}}));
        for (int k = 0; k < dim; k++) {
            assertEquals((previous.vectors()[2 * dim + k] + previous.vectors()[3 * dim + k]) / 2, folded[3 * dim + k], 1e-6);
            assertEquals(init[4 * dim + k], folded[4 * dim + k], "n6 has no known neighbour: random start");
        }
        InvalidInputException wrongDim = assertThrows(InvalidInputException.class, () -> match.initialVectors(8, 9));
        assertTrue(wrongDim.getMessage().contains("dim 4") && wrongDim.getMessage().contains("--dim 8"), wrongDim.getMessage());
        WarmStart none = WarmStart.match(previous, NodeTable.untyped(ids(10, 12)));
        assertThrows(InvalidInputException.class, () -> none.check(dim));
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
