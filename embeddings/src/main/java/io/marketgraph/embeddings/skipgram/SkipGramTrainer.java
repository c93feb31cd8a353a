package io.marketgraph.embeddings.skipgram;

import io.marketgraph.embeddings.walks.WalkCorpus;
import io.marketgraph.embeddings.walks.WalkCounter;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skip-gram with negative sampling over a {@link WalkCorpus}, streamed: each thread takes the next
 * chunk of walk indices, reads (or generates) those walks and trains on them; the corpus is never
 * held in memory. Hogwild: threads update the shared flat arrays without locks. With one thread the
 * result is a pure function of the corpus, the counts and the config.
 *
 * <p>Per centre node: one window shrink and one set of negatives shared by all its contexts (the
 * targets stay in cache across the window). Per context: the dot products with all targets first,
 * then one fused pass that updates the context row and every target row ({@link Kernels#update}).
 * That equals word2vec's pair-by-pair update except when a negative repeats within one set, where
 * word2vec's second pair would see the first pair's update.
 * The training randomness of a walk is seeded from (seed, walk index, epoch).
 */
public final class SkipGramTrainer {

    /** The input vectors and what training did. */
    public record Result(float[] vectors, int dim, long tokens, double seconds, String kernels) {
        public double tokensPerSecond() {
            return tokens / Math.max(seconds, 1e-9);
        }
    }

    private static final int CHUNK = 64;
    private static final int ALPHA_UPDATE = 10_000;

    private final SkipGramConfig config;
    private final Kernels kernels;

    public SkipGramTrainer(SkipGramConfig config) {
        this(config, Kernels.best());
    }

    public SkipGramTrainer(SkipGramConfig config, Kernels kernels) {
        this.config = config;
        this.kernels = kernels;
    }

    public Result train(WalkCorpus corpus, WalkCounter.Counts counts, ProgressTracker progress) {
        return train(corpus, counts, null, progress);
    }

    /** As {@link #train(WalkCorpus, WalkCounter.Counts, ProgressTracker)}, starting from {@code initial} (n x dim, used in place) when not null. */
    public Result train(WalkCorpus corpus, WalkCounter.Counts counts, float[] initial, ProgressTracker progress) {
        int n = corpus.nodeCount();
        int dim = config.dim();
        if ((long) n * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d nodes x dim %d = %d floats exceeds one Java array; lower --dim or use --spark with "
                            + "Spark ML Word2Vec", n, dim, (long) n * dim));
        }
        float[] syn0 = initial != null ? initial : initialVectors(n, dim, config.seed());
        float[] syn1 = new float[n * dim];
        Shared shared = new Shared(corpus, counts, syn0, syn1);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "skipgram");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                shared.nextWalk.set(0);
                try (ProgressTracker.Stage stage = progress.stage("epoch " + (epoch + 1), counts.tokens())) {
                    List<Future<?>> parts = new ArrayList<>();
                    for (int t = 0; t < config.threads(); t++) {
                        int e = epoch;
                        parts.add(pool.submit(() -> new Worker(shared, stage).run(e)));
                    }
                    for (Future<?> part : parts) {
                        part.get();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(syn0, dim, counts.tokens() * config.epochs(), seconds, kernels.name());
    }

    /** word2vec's initialisation: uniform in (-0.5/dim, 0.5/dim), per node from (seed, node). */
    public static float[] initialVectors(int n, int dim, long seed) {
        float[] syn0 = new float[n * dim];
        WalkRandom rnd = new WalkRandom();
        for (int v = 0; v < n; v++) {
            rnd.reseed(seed, -2L, v);
            int off = v * dim;
            for (int k = 0; k < dim; k++) {
                syn0[off + k] = (rnd.nextFloat() - 0.5f) / dim;
            }
        }
        return syn0;
    }

    /** State every worker reads. */
    private final class Shared {
        final WalkCorpus corpus;
        final float[] syn0;
        final float[] syn1;
        final float[] keep;
        final NoiseTable noise;
        final SigmoidTable sigmoid = new SigmoidTable();
        final AtomicLong nextWalk = new AtomicLong();
        final AtomicLong processed = new AtomicLong();
        final double totalTokens;

        Shared(WalkCorpus corpus, WalkCounter.Counts counts, float[] syn0, float[] syn1) {
            this.corpus = corpus;
            this.syn0 = syn0;
            this.syn1 = syn1;
            this.noise = NoiseTable.forCounts(counts.perNode());
            this.keep = keepProbabilities(counts, config.sample());
            this.totalTokens = (double) config.epochs() * counts.tokens() + 1;
        }
    }

    /** word2vec's sub-sampling: keep a node of count c with probability (sqrt(c/(s*T)) + 1) * s*T/c. */
    static float[] keepProbabilities(WalkCounter.Counts counts, double sample) {
        long[] c = counts.perNode();
        float[] keep = new float[c.length];
        double threshold = sample * counts.tokens();
        for (int v = 0; v < c.length; v++) {
            keep[v] = sample <= 0 || c[v] == 0 ? 1f
                    : (float) Math.min(1.0, (Math.sqrt(c[v] / threshold) + 1) * threshold / c[v]);
        }
        return keep;
    }

    /** One training thread; all its buffers are allocated once. */
    private final class Worker {
        private final Shared s;
        private final ProgressTracker.Stage stage;
        private final int dim = config.dim();
        private final int window = config.window();
        private final int negatives = config.negatives();
        private final float startAlpha = config.learningRate();
        private final int[] walk;
        private final int[] sentence;
        private final int[] rows;
        private final float[] gradients;
        private final WalkRandom rnd = new WalkRandom();
        private float alpha;
        private long sinceUpdate;

        Worker(Shared shared, ProgressTracker.Stage stage) {
            this.s = shared;
            this.stage = stage;
            this.walk = new int[shared.corpus.maxWalkLength()];
            this.sentence = new int[walk.length];
            this.rows = new int[negatives + 1];
            this.gradients = new float[negatives + 1];
            this.alpha = currentAlpha(shared.processed.get());
        }

        private float currentAlpha(long processed) {
            return (float) Math.max(startAlpha * 1e-4, startAlpha * (1 - processed / s.totalTokens));
        }

        void run(int epoch) {
            WalkCorpus.Reader reader = s.corpus.reader();
            long walks = s.corpus.walkCount();
            long first;
            while ((first = s.nextWalk.getAndAdd(CHUNK)) < walks) {
                long end = Math.min(walks, first + CHUNK);
                for (long w = first; w < end; w++) {
                    int len = reader.read(w, walk);
                    rnd.reseed(config.seed() ^ 0x5DEECE66DL, w, epoch);
                    trainWalk(len);
                    sinceUpdate += len;
                    if (sinceUpdate >= ALPHA_UPDATE) {
                        flush();
                    }
                }
            }
            flush();
        }

        private void flush() {
            stage.advance(sinceUpdate);
            alpha = currentAlpha(s.processed.addAndGet(sinceUpdate));
            sinceUpdate = 0;
        }

        private void trainWalk(int len) {
            int kept = 0;
            float[] keep = s.keep;
            for (int i = 0; i < len; i++) {
                int v = walk[i];
                if (keep[v] >= 1f || keep[v] > rnd.nextFloat()) {
                    sentence[kept++] = v;
                }
            }
            float[] syn0 = s.syn0;
            float[] syn1 = s.syn1;
            SigmoidTable sigmoid = s.sigmoid;
            for (int pos = 0; pos < kept; pos++) {
                int centre = sentence[pos];
                long bits = rnd.nextLong();
                int reach = window - (int) (((bits >>> 32) * window) >>> 32);
                int nt = 1;
                rows[0] = centre * dim;
                for (int k = 0; k < negatives; k++) {
                    int t = s.noise.sample(rnd.nextLong());
                    if (t != centre) {
                        rows[nt++] = t * dim;
                    }
                }
                int from = Math.max(0, pos - reach);
                int to = Math.min(kept - 1, pos + reach);
                for (int c = from; c <= to; c++) {
                    if (c == pos) {
                        continue;
                    }
                    int l1 = sentence[c] * dim;
                    kernels.dots(syn0, l1, syn1, rows, nt, gradients, dim);
                    for (int j = 0; j < nt; j++) {
                        gradients[j] = sigmoid.gradient(gradients[j], j == 0) * alpha;
                    }
                    kernels.update(syn0, l1, syn1, rows, gradients, nt, dim);
                }
            }
        }
    }
}
