package io.marketgraph.embeddings.foldin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import org.junit.jupiter.api.Test;

class FoldInTest {

    // rows: 0 USER r1 c-, 1 USER r1 c-, 2 POST r1 c5, 3 POST r2 c5
    private static final EmbeddingStore STORE = new EmbeddingStore(2,
            new float[] {1, 0, 3, 2, 0, 4, 2, 8},
            new NodeTable(new NodeKind[] {NodeKind.USER, NodeKind.USER, NodeKind.POST, NodeKind.POST},
                    new String[] {"u1", "u2", "p1", "p2"}, new int[] {1, 1, 1, 2}, new int[] {-1, -1, 5, 5}));

    @Test
    void weighted_mean_of_neighbours() {
        FoldIn f = new FoldIn(STORE);
        assertArrayEquals(new float[] {2.5f, 1.5f}, f.fromNeighbours(new int[] {0, 1}, new float[] {1, 3}));
        assertArrayEquals(new float[] {2f, 1f}, f.fromNeighbours(new int[] {0, 1}, null));
    }

    @Test
    void side_information_uses_region_and_category_means_of_the_same_kind() {
        FoldIn f = new FoldIn(STORE);
        assertArrayEquals(new float[] {2f, 1f}, f.fromSideInformation(NodeKind.USER, 1, -1).orElseThrow());
        // POST region 1 mean (0,4), category 5 mean (1,6): average (0.5, 5)
        assertArrayEquals(new float[] {0.5f, 5f}, f.fromSideInformation(NodeKind.POST, 1, 5).orElseThrow());
        assertTrue(f.fromSideInformation(NodeKind.BUSINESS, 1, 5).isEmpty());
        assertArrayEquals(new float[] {0.6f, 0.8f}, FoldIn.unit(new float[] {3, 4}));
    }

    @Test
    void bad_rows_and_weights_are_named() {
        FoldIn f = new FoldIn(STORE);
        assertEquals("rows[1]=9 is not a row of the store (0..3)",
                assertThrows(IllegalArgumentException.class, () -> f.fromNeighbours(new int[] {0, 9}, null)).getMessage());
        assertEquals("weights[0]=-1.0 must be finite and > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> f.fromNeighbours(new int[] {0}, new float[] {-1})).getMessage());
    }
}
