package io.marketgraph.embeddings.walks;

import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pass over the corpus that counts how often each node occurs: the unigram counts behind
 * sub-sampling and the noise distribution, and the exact token total for the learning-rate decay.
 * Multi-threaded, with a count array per thread; the result does not depend on the thread count.
 */
public final class WalkCounter {

    /** Occurrences per node and their total. */
    public record Counts(long[] perNode, long tokens, long walks) {}

    private static final int CHUNK = 256;

    private WalkCounter() {}

    public static Counts count(WalkCorpus corpus, int threads, ProgressTracker progress) {
        long walks = corpus.walkCount();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "walk-counter");
            t.setDaemon(true);
            return t;
        });
        try (ProgressTracker.Stage stage = progress.stage("walks", walks)) {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long[] counts = new long[corpus.nodeCount()];
                    int[] buf = new int[corpus.maxWalkLength()];
                    WalkCorpus.Reader reader = corpus.reader();
                    long start;
                    while ((start = next.getAndAdd(CHUNK)) < walks) {
                        long end = Math.min(walks, start + CHUNK);
                        for (long w = start; w < end; w++) {
                            int len = reader.read(w, buf);
                            for (int i = 0; i < len; i++) {
                                counts[buf[i]]++;
                            }
                        }
                        stage.advance(end - start);
                    }
                    return counts;
                }));
            }
            long[] total = new long[corpus.nodeCount()];
            for (Future<long[]> part : parts) {
                long[] c = part.get();
                for (int i = 0; i < total.length; i++) {
                    total[i] += c[i];
                }
            }
            long tokens = 0;
            for (long c : total) {
                tokens += c;
            }
            return new Counts(total, tokens, walks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting walks", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("walk generation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
