package io.marketgraph.embeddings.skipgram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NoiseTableTest {

    @Test
    void slots_are_shared_by_count_to_the_power_three_quarters() {
        // weights 1^0.75 = 1 and 16^0.75 = 8: node 1 gets 16/9 -> 2 slots of 16, node 2 the other 14
        NoiseTable table = new NoiseTable(new long[] {0, 1, 16}, 4);
        int[] slots = new int[16];
        for (int i = 0; i < 16; i++) {
            slots[i] = table.sample((long) i << 60);
        }
        assertArrayEquals(new int[] {1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, slots);
        assertEquals(16, table.size());
    }

    @Test
    void sigmoid_gradient_matches_word2vec() {
        SigmoidTable s = new SigmoidTable();
        assertEquals(0.5f, s.gradient(0f, true));
        assertEquals(-0.5f, s.gradient(0f, false));
        assertEquals(0f, s.gradient(6f, true));
        assertEquals(1f, s.gradient(-7f, true));
        assertEquals(-1f, s.gradient(9f, false));
        // (5.9999995f + 6) * 83.33 rounds to 1000.0: must not run off the table
        assertEquals(1f - s.gradient(Math.nextDown(6f), true), 1f - s.gradient(5.995f, true), 1e-5f);
    }

    @Test
    void empty_corpus_is_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NoiseTable(new long[] {0, 0}, 4));
        assertEquals("the corpus is empty: no node occurs in any walk", e.getMessage());
    }
}
