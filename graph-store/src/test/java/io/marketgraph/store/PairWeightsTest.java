package io.marketgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairWeightsTest {

    @Test
    void claims_pairs_once_and_hands_out_the_unclaimed_ones_in_src_dst_order() {
        PairWeights w = new PairWeights(5);
        assertTrue(w.put(7, 1, 2.5));
        assertTrue(w.put(0, 3, 1.0));
        assertTrue(w.put(3, 0, 4.0));   // the reverse pair is another pair
        assertTrue(w.put(0, 2, 8.0));
        assertFalse(w.put(0, 3, 9.0));  // duplicate: the first weight stays
        assertEquals(4, w.size());

        assertEquals(PairWeights.Claim.CLAIMED, w.claim(0, 3));
        assertEquals(PairWeights.Claim.ALREADY_CLAIMED, w.claim(0, 3));
        assertEquals(PairWeights.Claim.ABSENT, w.claim(1, 7));
        assertEquals(1.0, w.weight(0, 3));
        assertTrue(Double.isNaN(w.weight(1, 7)));

        List<String> left = new ArrayList<>();
        w.forEachUnclaimed((src, dst, weight) -> left.add(src + "->" + dst + ":" + weight));
        assertEquals(List.of("0->2:8.0", "3->0:4.0", "7->1:2.5"), left);
    }

    @Test
    void holds_as_many_pairs_as_it_was_sized_for() {
        int n = 100_000;
        PairWeights w = new PairWeights(n);
        for (int i = 0; i < n; i++) {
            assertTrue(w.put(i, n - i, i));
        }
        assertEquals(n, w.size());
        assertEquals(4_242.0, w.weight(4_242, n - 4_242));
    }
}
