package io.marketgraph.linkpred.candidates;

import java.util.Arrays;

/**
 * One user's merged candidates: each post once, with every source's score and 1-based rank
 * (rank 0 and score 0 where the source did not propose it).
 */
public final class CandidateSet {

    private static final int SOURCES = CandidateSource.values().length;

    private int[] nodes = new int[64];
    private float[] scores = new float[64 * SOURCES];
    private int[] ranks = new int[64 * SOURCES];
    private int size;
    private final java.util.HashMap<Integer, Integer> index = new java.util.HashMap<>();

    /** Adds (or annotates) a candidate proposed by {@code source} at {@code rank} (1-based). */
    void add(int node, CandidateSource source, int rank, float score) {
        Integer at = index.get(node);
        if (at == null) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
                scores = Arrays.copyOf(scores, size * 2 * SOURCES);
                ranks = Arrays.copyOf(ranks, size * 2 * SOURCES);
            }
            at = size++;
            nodes[at] = node;
            index.put(node, at);
        }
        int cell = at * SOURCES + source.ordinal();
        if (ranks[cell] == 0) {
            ranks[cell] = rank;
            scores[cell] = score;
        }
    }

    public int size() {
        return size;
    }

    public int node(int i) {
        return nodes[i];
    }

    public int[] nodes() {
        return Arrays.copyOf(nodes, size);
    }

    public float score(int i, CandidateSource source) {
        return scores[i * SOURCES + source.ordinal()];
    }

    /** 1-based rank within the source, 0 when the source did not propose this candidate. */
    public int rank(int i, CandidateSource source) {
        return ranks[i * SOURCES + source.ordinal()];
    }

    public boolean contains(int node) {
        return index.containsKey(node);
    }

    /** The candidates {@code source} proposed, in its rank order. */
    public java.util.List<Integer> ranked(CandidateSource source) {
        Integer[] order = new Integer[size];
        java.util.Arrays.setAll(order, i -> i);
        return java.util.Arrays.stream(order).filter(i -> rank(i, source) > 0)
                .sorted(java.util.Comparator.comparingInt(i -> rank(i, source))).map(i -> nodes[i]).toList();
    }

    /** The candidates {@code source} proposed. */
    public java.util.Set<Integer> from(CandidateSource source) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int i = 0; i < size; i++) {
            if (rank(i, source) > 0) {
                out.add(nodes[i]);
            }
        }
        return out;
    }
}
