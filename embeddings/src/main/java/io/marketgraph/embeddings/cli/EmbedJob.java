package io.marketgraph.embeddings.cli;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.drift.Drift;
import io.marketgraph.embeddings.drift.Procrustes;
import io.marketgraph.embeddings.drift.WarmStart;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.MaterializedWalks;
import io.marketgraph.embeddings.walks.WalkCorpus;
import io.marketgraph.embeddings.output.Word2VecText;
import io.marketgraph.embeddings.spark.SparkEmbedding;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Graph in, embeddings out: load, CSR, walks streamed into skip-gram, write; returns the summary. */
public final class EmbedJob {

    /** What ran, for the closing summary. */
    public record Summary(int nodes, long inputEdges, long edges, long selfLoops, long mergedParallelEdges,
                          long walks, long tokens, double tokensPerSecond, String kernels,
                          Map<String, Double> stageSeconds, long peakHeapBytes, String output, Drift.Result drift) {

        public String render() {
            StringBuilder s = new StringBuilder();
            s.append("== embed summary\n");
            s.append(String.format(Locale.ROOT, "nodes             %,d%n", nodes));
            s.append(String.format(Locale.ROOT, "edges             %,d (input lines %,d; self-loops dropped %,d; "
                    + "parallel edges merged %,d)%n", edges, inputEdges, selfLoops, mergedParallelEdges));
            s.append(String.format(Locale.ROOT, "walks             %,d%n", walks));
            s.append(String.format(Locale.ROOT, "tokens trained    %,d%n", tokens));
            s.append(String.format(Locale.ROOT, "tokens/s          %,.0f (kernels: %s)%n", tokensPerSecond, kernels));
            stageSeconds.forEach((k, v) -> s.append(String.format(Locale.ROOT, "  %-15s %.2f s%n", k, v)));
            s.append(String.format(Locale.ROOT, "peak heap         %,d MB%n", peakHeapBytes >> 20));
            s.append("output            ").append(output).append('\n');
            if (drift != null) {
                s.append(String.format(Locale.ROOT, "drift             mean cosine %.4f, neighbour overlap@10 %.4f "
                        + "(%,d queries); shared %,d, new %,d, dropped %,d nodes%n", drift.meanCosine(),
                        drift.neighbourOverlapAt10(), drift.queries(), drift.shared(), drift.added(), drift.dropped()));
            }
            return s.toString();
        }
    }

    /** The report file inside the output directory. */
    public static final String REPORT = "report.json";

    private EmbedJob() {}

    /**
     * {@code OUT/report.json} ({@code OUT.report.json} beside a word2vec file): counts, parameters,
     * stage seconds, and with {@code --init} the {@code drift} section ({@link Drift.Result#json()}).
     */
    private static void writeReport(EmbedOptions o, CsrBuilder.Result csr, Node2Vec.Result result,
                                    Map<String, Double> seconds, Drift.Result drift) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("nodes", csr.graph().nodeCount());
        report.put("edges", csr.graph().edgeCount());
        report.put("walks", result.walks());
        report.put("tokens", result.tokens());
        report.put("walks_per_node", o.walks().walksPerNode());
        report.put("walk_length", o.walks().walkLength());
        report.put("dim", o.skipGram().dim());
        report.put("learning_rate", o.skipGram().learningRate());
        report.put("seed", o.skipGram().seed());
        report.put("spark", o.spark());
        if (o.spark()) {
            report.put("walks_dir", o.walksDir());
        }
        report.put("init", o.init() == null ? null : o.init().toAbsolutePath().toString());
        report.put("aligned_to", previous(o) == null ? null : previous(o).toAbsolutePath().toString());
        if (drift != null) {
            report.put("drift", drift.json());
        }
        report.put("stage_seconds", seconds);
        Json.write(o.format() == EmbedOptions.OutputFormat.WORD2VEC
                ? o.out().resolveSibling(o.out().getFileName() + ".report.json") : o.out().resolve(REPORT), report);
    }

    private static Path previous(EmbedOptions o) {
        return o.init() != null ? o.init() : o.alignTo();
    }

    /** Walks generated on the fly, or (--materialize-walks) generated once and held in memory. */
    private static WalkCorpus corpus(CsrGraph graph, EmbedOptions o) {
        WalkCorpus generated = new GeneratedWalks(new BiasedWalker(graph, o.walks()));
        return o.materializeWalks() ? MaterializedWalks.of(generated) : generated;
    }

    public static Summary run(EmbedOptions o, ProgressTracker progress) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        GraphDirectory.Loaded loaded = GraphDirectory.load(o.graph());
        long t1 = System.nanoTime();
        seconds.put("load", (t1 - t0) / 1e9);
        CsrBuilder.Result csr = CsrBuilder.build(loaded.edges(), o.directed());
        long inputEdges = loaded.edges().edgeCount();
        loaded = new GraphDirectory.Loaded(null, loaded.nodes()); // let the edge arrays go
        seconds.put("csr", (System.nanoTime() - t1) / 1e9);
        Path previous = previous(o);
        WarmStart warm = previous == null ? null : WarmStart.match(EmbeddingStore.read(previous), loaded.nodes());
        if (warm != null) {
            warm.check(o.skipGram().dim());
        }
        float[] initial = o.init() == null ? null : warm.initialVectors(o.skipGram().dim(), o.skipGram().seed(), csr.graph());
        Node2Vec.Result result = o.spark()
                ? SparkEmbedding.embed(csr.graph(), o.walks(), o.skipGram(), o.master(), o.sparkTrainer(),
                        o.walksDir(), o.broadcastBudgetMb() << 20, initial, progress)
                : Node2Vec.embed(corpus(csr.graph(), o), o.skipGram(), initial, progress);
        seconds.putAll(progress.stageSeconds());
        Drift.Result drift = null;
        if (warm != null) {
            long ta = System.nanoTime();
            int[][] pairs = warm.pairs();
            Procrustes.apply(result.vectors(), result.dim(), Procrustes.rotation(result.vectors(), pairs[0],
                    warm.previous().vectors(), pairs[1], result.dim()));
            drift = Drift.measure(result.vectors(), warm.previous().vectors(), warm, result.dim(), o.skipGram().seed());
            seconds.put("align + drift", (System.nanoTime() - ta) / 1e9);
        }
        long t2 = System.nanoTime();
        EmbeddingStore store = new EmbeddingStore(result.dim(), result.vectors(), loaded.nodes());
        switch (o.format()) {
            case STORE -> store.write(o.out());
            case WORD2VEC -> Word2VecText.write(store, o.out());
            case PARQUET -> SparkEmbedding.writeParquet(store, o.out(), o.master());
        }
        seconds.put("write", (System.nanoTime() - t2) / 1e9);
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        writeReport(o, csr, result, seconds, drift);
        return new Summary(csr.graph().nodeCount(), inputEdges, csr.graph().edgeCount(), csr.selfLoops(),
                csr.mergedParallelEdges(), result.walks(), result.tokens(), result.tokensPerSecond(),
                result.kernels(), seconds, PeakHeap.bytes(), o.out() + " (" + o.format().name().toLowerCase(Locale.ROOT) + ")",
                drift);
    }
}
