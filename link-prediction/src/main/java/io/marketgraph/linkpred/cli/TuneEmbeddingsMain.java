package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.linkpred.tune.EmbeddingTuner;
import io.marketgraph.linkpred.tune.TuneReport;
import io.marketgraph.linkpred.tune.Validation;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/marketgraph tune-embeddings}: node2vec's p and q (walk length, window) tuned on a
 * validation split, the winner's embedding written as {@code embed} writes it, the grid in a JSON
 * report and an HTML heat map. Exit 0 ok, 2 bad usage, 3 input rejected, 1 failure.
 */
public final class TuneEmbeddingsMain {

    private TuneEmbeddingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("tune-embeddings", new TuneEmbeddingsOptions(), args, TuneEmbeddingsMain::tune);
    }

    private static int tune(TuneEmbeddingsOptions o) throws Exception {
        WalkConfig walks = o.walks();
        SkipGramConfig sg = o.skipGram();
        List<EmbeddingTuner.Point> grid = o.grid();
        EmbeddingTuner tuner = new EmbeddingTuner(walks, sg, o.screenWalks, o.finalists, System.err::println);
        String task = o.task.toString();
        long t0 = System.nanoTime();
        ProgressTracker progress = LoggingProgressTracker.toStderr("tune-embeddings");
        Path graphPath = o.graph;
        GraphDirectory.Loaded loaded = GraphDirectory.load(graphPath);
        CsrGraph graph = CsrBuilder.build(loaded.edges(), false).graph();
        long seed = walks.seed();
        Validation validation = o.task == EvaluateEmbeddingsOptions.Task.LINK_PREDICTION
                ? Validation.linkPrediction(graph, o.holdout, seed)
                : labelled(graph, LabelFile.read(o.labels, loaded.nodes().ids()), seed);
        EmbeddingTuner.Outcome outcome = tuner.tune(grid, o.baseline(), validation, progress);
        long t1 = System.nanoTime();
        float[] vectors = validation.trainsOnWholeGraph() ? outcome.winnerVectors()
                : tuner.embed(graph, outcome.winner().point(), walks.walksPerNode()).vectors();
        double finalEmbedSeconds = validation.trainsOnWholeGraph() ? 0 : (System.nanoTime() - t1) / 1e9;
        Path out = o.out;
        new EmbeddingStore(outcome.dim(), vectors, loaded.nodes()).write(out);
        double total = (System.nanoTime() - t0) / 1e9;

        double fullRun = outcome.grid().stream().filter(s -> !Double.isNaN(s.fullSeconds()))
                .mapToDouble(EmbeddingTuner.Scored::fullSeconds).average().orElse(Double.NaN);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("screening_seconds", outcome.screenSeconds());
        cost.put("finalists_seconds", outcome.finalSeconds());
        cost.put("final_embedding_seconds", finalEmbedSeconds);
        cost.put("total_seconds", total);
        cost.put("mean_full_run_seconds", fullRun);
        cost.put("grid_points", grid.size());
        cost.put("full_runs_for_the_grid_seconds_estimate", fullRun * grid.size());
        cost.put("speedup_against_one_full_run_per_point", fullRun * grid.size() / total);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("task", task);
        extra.put("graph", graphPath.toString());
        extra.put("nodes", graph.nodeCount());
        extra.put("edges", graph.edgeCount());
        extra.put("embedding", out.toString());
        extra.put("cost", cost);
        extra.put("walks", walks);
        extra.put("skipgram", sg);
        Map<String, Object> report = TuneReport.json(outcome, validation.metric(), extra);
        Path json = o.reportFile();
        Path html = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".html");
        TuneReport.write(json, html, report, TuneReport.html(outcome, "node2vec tuning: " + graphPath, validation.metric()));
        System.out.println("== tune-embeddings summary");
        System.out.printf(Locale.ROOT, "graph             %s (%,d nodes, %,d edges)%n", graphPath, graph.nodeCount(), graph.edgeCount());
        System.out.printf(Locale.ROOT, "validation        %s%n", validation.metric());
        System.out.printf(Locale.ROOT, "grid              %d points screened at %s walks/node, finalists at %d%n",
                grid.size(), o.screenWalks, walks.walksPerNode());
        System.out.printf(Locale.ROOT, "verdict           %s%n", TuneReport.verdict(outcome));
        System.out.printf(Locale.ROOT, "wall              %.1f s (one full run %.1f s; %d full runs ~ %.0f s, %.1f x)%n",
                total, fullRun, grid.size(), fullRun * grid.size(), fullRun * grid.size() / total);
        System.out.printf(Locale.ROOT, "embedding         %s%nreport            %s, %s%n", out, json, html);
        return 0;
    }

    private static Validation labelled(CsrGraph graph, LabelFile.Labels labels, long seed) {
        return Validation.nodeClassification(graph, labels.perNode(), labels.names().size(), seed);
    }
}
