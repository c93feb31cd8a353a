package io.marketgraph.bench;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkRandom;
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
 * Walk steps per second on ONE thread: 1,000 walks of 80 nodes (79 steps each) an operation on a
 * 10k-node, 334k-edge planted-partition graph (unweighted), first order (p = q = 1) and second
 * order (p = 0.5, q = 2: rejection sampling with adjacency look-ups).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class WalkBenchmark {

    static final int WALKS = 1_000;
    static final int STEPS = WALKS * 79;

    @Param({"first", "second"})
    public String order;

    private BiasedWalker walker;
    private final int[] buf = new int[80];
    private final WalkRandom rnd = new WalkRandom();
    private int nextStart;

    @Setup(Level.Trial)
    public void setUp() {
        CsrGraph graph = BenchGraphs.plantedPartition(10_000, 334_000, 50, 1L);
        WalkConfig config = order.equals("first")
                ? new WalkConfig(10, 80, 1.0, 1.0, 1L)
                : new WalkConfig(10, 80, 0.5, 2.0, 1L);
        walker = new BiasedWalker(graph, config);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void walkSteps(Blackhole bh) {
        int n = walker.graph().nodeCount();
        for (int w = 0; w < WALKS; w++) {
            int start = nextStart;
            nextStart = start + 1 == n ? 0 : start + 1;
            int len = walker.walk(start, w, buf, rnd);
            bh.consume(buf[len - 1]);
        }
    }
}
