package io.marketgraph.bench;

import io.marketgraph.linkpred.model.FeatureMatrix;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The link scorer the API calls: one DJL forward pass over 10,000 pairs of train-links' feature
 * width (128 Hadamard columns + 11 scalar features), for both model families. Sample mode: p50, p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LinkScoreBenchmark {

    static final int PAIRS = 10_000;
    static final int COLUMNS = 139;

    @Param({"LOGISTIC", "MLP"})
    public LinkModelKind kind;

    private LinkModel model;
    private float[] features;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            names.add("f" + c);
        }
        features = new float[PAIRS * COLUMNS];
        float[] labels = new float[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            for (int c = 0; c < COLUMNS; c++) {
                features[i * COLUMNS + c] = (float) random.nextGaussian();
            }
            labels[i] = features[i * COLUMNS] > 0 ? 1 : 0;
        }
        model = LinkModel.train(new FeatureMatrix(features, PAIRS, names), labels,
                new LinkModelConfig(kind, 64, 1, 512, 0.01f, 1), ProgressTracker.NOOP);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public void score10kPairs(Blackhole bh) {
        bh.consume(model.score(features, PAIRS));
    }
}
