package io.marketgraph.api.service;

/**
 * Where a re-rank puts the candidates the model does not know (a post listed after the model's
 * graph was built, an id from another system). The model has nothing to say about them, so their
 * place comes from the search engine's order alone: an unknown candidate goes right after the
 * lowest-placed known candidate that the engine ranked above it, or first when the engine ranked it
 * above every known candidate. It never overtakes a known candidate that was ahead of it, and it
 * keeps the lead the engine gave it over the known candidates behind it only as far as the model
 * keeps them behind. Unknown candidates at the same place keep the engine's order. Each takes the
 * score of the known candidate it follows (the top known score when it leads), so the scores of
 * the answer never rise down the list.
 */
final class UnknownCandidates {

    /** The final order (indexes into the request's list) and the score of each index. */
    record Placement(int[] order, double[] scores) {}

    private UnknownCandidates() {}

    /**
     * @param ranked the indexes of all {@code n} candidates in the model's order (unknown ones anywhere)
     * @param known  {@code known[i]}: the model knows candidate {@code i} (at least one is known)
     * @param score  the model's score of each known candidate, by index; unknown entries are overwritten
     */
    static Placement place(int[] ranked, boolean[] known, double[] score) {
        int n = ranked.length;
        int[] knownOrder = new int[n];
        int[] position = new int[n];
        int k = 0;
        for (int i : ranked) {
            if (known[i]) {
                position[i] = k;
                knownOrder[k++] = i;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("no known candidate to place the unknown ones by");
        }
        // after[i]: the position of the lowest-placed known candidate ranked above unknown i by the engine, -1 if none
        int[] after = new int[n];
        int[] placedAfter = new int[k + 1];     // counts per slot, slot 0 = "first", slot q + 1 = after knownOrder[q]
        int lowest = -1;
        for (int i = 0; i < n; i++) {
            if (known[i]) {
                lowest = Math.max(lowest, position[i]);
            } else {
                after[i] = lowest;
                placedAfter[lowest + 1]++;
            }
        }
        int[] start = new int[k + 1];           // where each slot's unknown candidates begin in the output
        int at = 0;
        for (int slot = 0; slot <= k; slot++) {
            start[slot] = at + (slot == 0 ? 0 : 1);
            at = start[slot] + placedAfter[slot];
        }
        int[] order = new int[n];
        for (int q = 0; q < k; q++) {
            order[start[q + 1] - 1] = knownOrder[q];
        }
        for (int i = 0; i < n; i++) {           // engine order within a slot
            if (!known[i]) {
                int slot = after[i] + 1;
                order[start[slot]++] = i;
                score[i] = score[knownOrder[Math.max(0, after[i])]];
            }
        }
        return new Placement(order, score);
    }
}
