package io.marketgraph.embeddings.walks;

import java.util.Arrays;

/** Walks held in memory as one flat int array with offsets (for the Spark job and tests). */
public final class MaterializedWalks implements WalkCorpus {

    private final int nodeCount;
    private final int[] tokens;
    private final long[] offsets;
    private final int maxLength;

    public MaterializedWalks(int nodeCount, int[] tokens, long[] offsets) {
        this.nodeCount = nodeCount;
        this.tokens = tokens;
        this.offsets = offsets;
        int max = 0;
        for (int i = 0; i + 1 < offsets.length; i++) {
            max = (int) Math.max(max, offsets[i + 1] - offsets[i]);
        }
        this.maxLength = max;
    }

    /** Materialises every walk of {@code corpus}, in order (single-threaded). */
    public static MaterializedWalks of(WalkCorpus corpus) {
        long count = corpus.walkCount();
        long[] offsets = new long[Math.toIntExact(count + 1)];
        int[] buf = new int[corpus.maxWalkLength()];
        int[] tokens = new int[(int) Math.min(Integer.MAX_VALUE - 8, count * corpus.maxWalkLength())];
        WalkCorpus.Reader reader = corpus.reader();
        int pos = 0;
        for (long w = 0; w < count; w++) {
            int len = reader.read(w, buf);
            System.arraycopy(buf, 0, tokens, pos, len);
            pos += len;
            offsets[(int) w + 1] = pos;
        }
        return new MaterializedWalks(corpus.nodeCount(), Arrays.copyOf(tokens, pos), offsets);
    }

    /** Walk {@code index} as a new array. */
    public int[] walk(long index) {
        return Arrays.copyOfRange(tokens, (int) offsets[(int) index], (int) offsets[(int) index + 1]);
    }

    @Override
    public long walkCount() {
        return offsets.length - 1;
    }

    @Override
    public int maxWalkLength() {
        return maxLength;
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public Reader reader() {
        return (index, out) -> {
            int from = (int) offsets[(int) index];
            int len = (int) (offsets[(int) index + 1] - from);
            System.arraycopy(tokens, from, out, 0, len);
            return len;
        };
    }
}
