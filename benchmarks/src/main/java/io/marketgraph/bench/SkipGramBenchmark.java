package io.marketgraph.bench;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.Kernels;
import io.marketgraph.embeddings.skipgram.ScalarKernels;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.skipgram.SkipGramTrainer;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.MaterializedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkCounter;
import io.marketgraph.progress.ProgressTracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Skip-gram trainer throughput on ONE thread, in tokens (walk nodes) per second: d = 128, window 10,
 * 5 negatives, sub-sampling 1e-3, over 1,000 node2vec walks of 80 nodes (80,000 tokens an operation)
 * on a 10k-node, 334k-edge planted-partition graph. The score is tokens/s per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SkipGramBenchmark {

    static final int WALKS = 1_000;
    static final int TOKENS = WALKS * 80;

    @Param({"vector"})
    public String kernels;

    private MaterializedWalks corpus;
    private WalkCounter.Counts counts;
    private SkipGramTrainer trainer;

    @Setup(Level.Trial)
    public void setUp() {
        CsrGraph graph = BenchGraphs.plantedPartition(10_000, 334_000, 50, 1L);
        MaterializedWalks all = MaterializedWalks.of(new GeneratedWalks(new BiasedWalker(graph, WalkConfig.DEFAULTS)));
        int[] tokens = new int[TOKENS];
        long[] offsets = new long[WALKS + 1];
        for (int w = 0; w < WALKS; w++) {
            System.arraycopy(all.walk(w), 0, tokens, w * 80, 80);
            offsets[w + 1] = (w + 1) * 80L;
        }
        corpus = new MaterializedWalks(graph.nodeCount(), tokens, offsets);
        // counts from the full corpus, as a real run would have
        counts = WalkCounter.count(all, 1, ProgressTracker.NOOP);
        counts = new WalkCounter.Counts(counts.perNode(), TOKENS, WALKS);
        Kernels k = kernels.equals("scalar") ? ScalarKernels.INSTANCE : Kernels.best();
        trainer = new SkipGramTrainer(new SkipGramConfig(128, 10, 5, 1, 0.025f, 1e-3, 1, 1L), k);
    }

    @Benchmark
    @OperationsPerInvocation(TOKENS)
    public void trainTokens(Blackhole bh) {
        bh.consume(trainer.train(corpus, counts, ProgressTracker.NOOP).vectors());
    }
}
