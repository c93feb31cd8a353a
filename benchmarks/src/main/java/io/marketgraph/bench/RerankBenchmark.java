package io.marketgraph.bench;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.model.NodeKind;
import io.marketgraph.personalize.features.PostFacts;
import io.marketgraph.personalize.features.RegionCoordinates;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.model.RerankModel;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The learned search re-ranker in process: features of 200 candidates from the graph and the
 * vectors, then the DJL model's scores and the new order, on one thread. Sample mode reports the
 * latency distribution (p50, p99) of one re-rank. Graph: 10k users and posts, planted partition.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
        "-Dai.djl.offline=true", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RerankBenchmark {

    static final int NODES = 10_000;
    static final int DIM = 128;
    static final int CANDIDATES = 200;

    private RerankFeaturizer featurizer;
    private RerankModel model;
    private List<String> postIds;
    private double[] baseScores;
    private int user;
    private Path facts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CsrGraph graph = BenchGraphs.plantedPartition(NODES, 100_000, 50, 1L);
        SplittableRandom random = new SplittableRandom(3);
        NodeKind[] kinds = new NodeKind[NODES];
        String[] ids = new String[NODES];
        int[] regions = new int[NODES];
        int[] categories = new int[NODES];
        for (int n = 0; n < NODES; n++) {
            kinds[n] = n % 2 == 0 ? NodeKind.USER : NodeKind.POST;
            ids[n] = (n % 2 == 0 ? "u" : "p") + n;
            regions[n] = n % 64;
            categories[n] = n % 24;
        }
        float[] vectors = new float[NODES * DIM];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        facts = Files.createTempFile("post-facts", ".csv");
        StringBuilder csv = new StringBuilder("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
        for (int n = 1; n < NODES; n += 2) {
            csv.append("p").append(n).append(",USER,u0,").append(n % 24).append(',').append(n % 64).append(",t,1,0,ACTIVE\n");
        }
        Files.writeString(facts, csv);
        PostFacts postFacts = PostFacts.fromPostsCsv(facts);
        featurizer = new RerankFeaturizer(graph, new EmbeddingStore(DIM, vectors, new NodeTable(kinds, ids, regions, categories)),
                postFacts, RegionCoordinates.none());
        int cols = RerankFeaturizer.NAMES.size();
        float[] x = new float[2000 * cols];
        float[] y = new float[2000];
        for (int i = 0; i < 2000; i++) {
            for (int c = 0; c < cols; c++) {
                x[i * cols + c] = (float) random.nextGaussian();
            }
            y[i] = x[i * cols] > 0 ? 1 : 0;
        }
        model = RerankModel.train(x, y, 0, postFacts, RegionCoordinates.none(), new LinkModelConfig(LinkModelKind.LOGISTIC, 1, 2, 256, 0.01f, 1),
                ProgressTracker.NOOP);
        user = 0;
        postIds = new ArrayList<>();
        baseScores = new double[CANDIDATES];
        for (int i = 0; i < CANDIDATES; i++) {
            postIds.add("p" + (2 * random.nextInt(NODES / 2) + 1));
            baseScores[i] = 1.0 - i / (double) CANDIDATES;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        model.close();
        Files.deleteIfExists(facts);
    }

    @Benchmark
    public void rerank200(Blackhole bh) {
        float[] features = featurizer.features(user, 1L, postIds, baseScores);
        bh.consume(model.rank(features, CANDIDATES, featurizer.interactions(user)));
    }

}
