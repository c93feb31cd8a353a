package io.marketgraph.bench;

import io.marketgraph.linkpred.retrieval.IvfIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One top-20 query of the IVF index on one thread (sample mode: p50, p99), over clustered vectors
 * of dimension 128. Recall against exact search for the same settings: {@code bin/marketgraph bench-ann}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class AnnBenchmark {

    static final int DIM = 128;

    @Param({"100000"})
    public int vectors;

    @Param({"24"})
    public int nprobe;

    private IvfIndex index;
    private float[] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        int clusters = Math.max(10, vectors / 500);
        float[] centres = new float[clusters * DIM];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextGaussian();
        }
        float[] v = new float[vectors * DIM];
        for (int i = 0; i < vectors; i++) {
            int c = random.nextInt(clusters);
            for (int d = 0; d < DIM; d++) {
                v[i * DIM + d] = centres[c * DIM + d] + 0.5f * (float) random.nextGaussian();
            }
        }
        index = IvfIndex.build(v, DIM, IntStream.range(0, vectors).toArray(), IvfIndex.defaultCells(vectors), 1);
        queries = new float[1000 * DIM];
        for (int q = 0; q < 1000; q++) {
            int base = random.nextInt(vectors) * DIM;
            for (int d = 0; d < DIM; d++) {
                queries[q * DIM + d] = v[base + d] + 0.03f * (float) random.nextGaussian();
            }
        }
    }

    @Benchmark
    public void top20(Blackhole bh) {
        int q = next++ % 1000;
        bh.consume(index.search(queries, q * DIM, 20, nprobe, n -> true));
    }
}
