package io.marketgraph.api.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnknownCandidatesTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void an_unknown_candidate_follows_the_lowest_placed_known_candidate_the_engine_ranked_above_it() {
        // engine order 0..4; 2 is unknown; the model puts known 3 first, then 0, 4, 1
        double[] score = {0.6, 0.2, 0.0, 0.9, 0.4};
        UnknownCandidates.Placement p = UnknownCandidates.place(new int[] {3, 0, 2, 4, 1}, new boolean[] {T, T, F, T, T}, score);
        // known ahead of 2 in the engine's order: 0 (placed 2nd) and 1 (placed 5th): 2 goes after 1
        assertArrayEquals(new int[] {3, 0, 4, 1, 2}, p.order());
        assertArrayEquals(new double[] {0.6, 0.2, 0.2, 0.9, 0.4}, p.scores(), 0.0);
    }

    @Test
    void an_unknown_candidate_the_engine_ranked_first_keeps_the_lead_with_the_top_known_score() {
        double[] score = {0.0, 0.3, 0.7, 0.0};
        UnknownCandidates.Placement p = UnknownCandidates.place(new int[] {0, 3, 2, 1}, new boolean[] {F, T, T, F}, score);
        // 0 leads; 3 follows the lowest placed of 1 and 2, which is 1
        assertArrayEquals(new int[] {0, 2, 1, 3}, p.order());
        assertArrayEquals(new double[] {0.7, 0.3, 0.7, 0.3}, p.scores(), 0.0);
    }

    @Test
    void unknown_candidates_at_one_place_keep_the_engines_order() {
        double[] score = {0.5, 0, 0, 0.8, 0};
        UnknownCandidates.Placement p = UnknownCandidates.place(new int[] {4, 2, 1, 3, 0}, new boolean[] {T, F, F, T, F}, score);
        assertArrayEquals(new int[] {3, 0, 1, 2, 4}, p.order());
    }

    @Test
    void no_unknown_candidate_ever_overtakes_a_known_one_and_scores_never_rise() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(30);
            boolean[] known = new boolean[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                known[i] = random.nextInt(3) > 0;
                score[i] = random.nextDouble();
            }
            known[random.nextInt(n)] = true;
            int[] modelOrder = io.marketgraph.personalize.model.ScoreOrder.descending(score, n);
            double[] copy = score.clone();
            UnknownCandidates.Placement p = UnknownCandidates.place(modelOrder, known, copy);
            int[] rank = new int[n];
            boolean[] seen = new boolean[n];
            for (int r = 0; r < n; r++) {
                rank[p.order()[r]] = r;
                assertTrue(!seen[p.order()[r]], "each candidate once");
                seen[p.order()[r]] = true;
                if (r > 0) {
                    assertTrue(p.scores()[p.order()[r]] <= p.scores()[p.order()[r - 1]], "scores never rise");
                }
            }
            for (int u = 0; u < n; u++) {
                for (int j = 0; j < u && !known[u]; j++) {
                    if (known[j]) {
                        assertTrue(rank[u] > rank[j], "unknown " + u + " stays behind known " + j);
                    }
                }
            }
            int last = -1;
            for (int i : modelOrder) {
                if (known[i]) {
                    assertTrue(rank[i] > last, "known candidates keep the model's order");
                    last = rank[i];
                }
            }
        }
    }

    @Test
    void a_list_without_a_known_candidate_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> UnknownCandidates.place(new int[] {0, 1}, new boolean[] {F, F}, new double[2]));
    }
}
