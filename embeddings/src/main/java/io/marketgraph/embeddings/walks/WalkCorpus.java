package io.marketgraph.embeddings.walks;

/**
 * The walks a trainer reads, by index, in corpus order. {@link GeneratedWalks} makes them on the fly
 * (nothing materialised); {@link MaterializedWalks} holds them in memory (the Spark job's output).
 */
public interface WalkCorpus {

    long walkCount();

    int maxWalkLength();

    int nodeCount();

    /** A reader for one thread. */
    Reader reader();

    interface Reader {
        /** Writes walk {@code index} into {@code out} and returns its length. */
        int read(long index, int[] out);
    }
}
