package io.marketgraph.personalize.features;

/**
 * One node's neighbours as an open-addressing set of node indexes, built once per request: the
 * seller check asks {@code CsrGraph.hasEdge(user, seller)} for each of a few hundred candidates,
 * a binary search over the user's neighbours each time, where this is one or two probes. At most
 * half full; slots are the top bits of the node times the golden ratio (Fibonacci hashing).
 */
final class NeighbourSet {

    private static final int EMPTY = -1;

    private final int[] table;
    private final int mask;
    private final int shift;

    /** The distinct values of {@code nodes[from..to)} (node indexes, never negative). */
    NeighbourSet(int[] nodes, int from, int to) {
        int size = Integer.highestOneBit(Math.max(4 * (to - from) - 1, 2));
        table = new int[size];
        java.util.Arrays.fill(table, EMPTY);
        mask = size - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        for (int i = from; i < to; i++) {
            int node = nodes[i];
            int slot = slot(node);
            while (table[slot] != EMPTY && table[slot] != node) {
                slot = (slot + 1) & mask;
            }
            table[slot] = node;
        }
    }

    private int slot(int node) {
        return (node * 0x9E3779B9) >>> shift;
    }

    boolean contains(int node) {
        for (int slot = slot(node); ; slot = (slot + 1) & mask) {
            int at = table[slot];
            if (at == node) {
                return true;
            }
            if (at == EMPTY) {
                return false;
            }
        }
    }
}
