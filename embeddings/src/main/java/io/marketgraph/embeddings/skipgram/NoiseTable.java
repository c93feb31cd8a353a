package io.marketgraph.embeddings.skipgram;

/**
 * word2vec's unigram^0.75 table: node {@code v} fills a share of the slots proportional to
 * {@code count(v)^0.75}. The size is a power of two, so a slot is the top bits of a random long (no
 * modulo). Nodes that never occur are never drawn.
 */
public final class NoiseTable {

    private final int[] table;
    private final int shift;

    public NoiseTable(long[] counts, int log2Size) {
        if (log2Size < 1 || log2Size > 30) {
            throw new IllegalArgumentException("log2Size must be in 1..30, got " + log2Size);
        }
        int size = 1 << log2Size;
        this.table = new int[size];
        this.shift = 64 - log2Size;
        double total = 0;
        int last = -1;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0) {
                total += Math.pow(counts[v], 0.75);
                last = v;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("the corpus is empty: no node occurs in any walk");
        }
        int v = 0;
        while (counts[v] == 0) {
            v++;
        }
        double cumulative = Math.pow(counts[v], 0.75) / total;
        for (int i = 0; i < size; i++) {
            table[i] = v;
            if ((i + 1) / (double) size > cumulative && v < last) {
                do {
                    v++;
                } while (counts[v] == 0);
                cumulative += Math.pow(counts[v], 0.75) / total;
            }
        }
    }

    /** A table of about 8 slots per node, between 2^20 and 2^26 slots. */
    public static NoiseTable forCounts(long[] counts) {
        int log2 = 20;
        while (log2 < 26 && (1L << log2) < 8L * counts.length) {
            log2++;
        }
        return new NoiseTable(counts, log2);
    }

    public int sample(long random) {
        return table[(int) (random >>> shift)];
    }

    public int size() {
        return table.length;
    }
}
