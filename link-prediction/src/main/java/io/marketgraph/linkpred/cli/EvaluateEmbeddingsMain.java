package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.eval.Embedder;
import io.marketgraph.linkpred.eval.LinkPredictionEvaluation;
import io.marketgraph.linkpred.eval.NodeClassificationEvaluation;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin/marketgraph evaluate-embeddings}: the node2vec paper's protocols on an edge list.
 * Exit 0 ok, 2 bad usage, 3 input rejected, 1 failure.
 */
public final class EvaluateEmbeddingsMain {

    private EvaluateEmbeddingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("evaluate-embeddings", new EvaluateEmbeddingsOptions(), args, EvaluateEmbeddingsMain::evaluate);
    }

    private static int evaluate(EvaluateEmbeddingsOptions o) throws Exception {
        WalkConfig walks = o.node2vec.walks();
        SkipGramConfig sg = o.node2vec.skipGram();
        long seed = o.node2vec.seed();
        ProgressTracker progress = LoggingProgressTracker.toStderr("evaluate-embeddings");
        long t0 = System.nanoTime();
        GraphDirectory.Loaded loaded = GraphDirectory.load(o.edgeList);
        CsrBuilder.Result csr = CsrBuilder.build(loaded.edges(), false);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Embedder embedder = o.vectors != null ? Embedder.fromWord2VecText(o.vectors)
                : o.walksOut != null ? Embedder.node2vecWritingWalks(walks, sg, o.walksOut)
                : Embedder.node2vec(walks, sg);
        Map<String, Object> report;
        if (o.task == EvaluateEmbeddingsOptions.Task.LINK_PREDICTION) {
            report = LinkPredictionEvaluation.run(csr.graph(), embedder, seed, progress);
        } else {
            LabelFile.Labels labels = LabelFile.read(o.labels, loaded.nodes().ids());
            report = NodeClassificationEvaluation.run(csr.graph(), labels.perNode(), labels.names().size(),
                    embedder, seed, progress);
            report.put("labels_skipped", Map.of("unknown_node", labels.unknownNodes()));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("edge_list", o.edgeList.toString());
        input.put("input_edges", loaded.edges().edgeCount());
        input.put("self_loops_dropped", csr.selfLoops());
        input.put("parallel_edges_merged", csr.mergedParallelEdges());
        input.put("load_seconds", loadSeconds);
        report.put("input", input);
        report.put("parameters", o.vectors != null ? Map.of("vectors", o.vectors.toString())
                : Map.of("walks", walks, "skipgram", sg));
        if (o.out != null) {
            Json.write(o.out, report);
        }
        System.out.println("== evaluate-embeddings " + o.task);
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return 0;
    }
}
