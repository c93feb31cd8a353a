package io.marketgraph.embeddings.cli;

import io.marketgraph.embeddings.Node2Vec;
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
import io.marketgraph.progress.ProgressTracker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Graph in, embeddings out: load, CSR, walks streamed into skip-gram, write; returns the summary. */
public final class EmbedJob {

    /** What ran, for the closing summary. */
    public record Summary(int nodes, long inputEdges, long edges, long selfLoops, long mergedParallelEdges,
                          long walks, long tokens, double tokensPerSecond, String kernels,
                          Map<String, Double> stageSeconds, long peakHeapBytes, String output) {

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
            return s.toString();
        }
    }

    private EmbedJob() {}

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
        Node2Vec.Result result = o.spark()
                ? SparkEmbedding.embed(csr.graph(), o.walks(), o.skipGram(), o.master(), o.sparkTrainer(), progress)
                : Node2Vec.embed(corpus(csr.graph(), o), o.skipGram(), progress);
        seconds.putAll(progress.stageSeconds());
        long t2 = System.nanoTime();
        EmbeddingStore store = new EmbeddingStore(result.dim(), result.vectors(), loaded.nodes());
        switch (o.format()) {
            case STORE -> store.write(o.out());
            case WORD2VEC -> Word2VecText.write(store, o.out());
            case PARQUET -> SparkEmbedding.writeParquet(store, o.out(), o.master());
        }
        seconds.put("write", (System.nanoTime() - t2) / 1e9);
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        return new Summary(csr.graph().nodeCount(), inputEdges, csr.graph().edgeCount(), csr.selfLoops(),
                csr.mergedParallelEdges(), result.walks(), result.tokens(), result.tokensPerSecond(),
                result.kernels(), seconds, PeakHeap.bytes(), o.out() + " (" + o.format().name().toLowerCase(Locale.ROOT) + ")");
    }
}
