package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.linkpred.tune.EmbeddingTuner;
import io.marketgraph.linkpred.tune.TuneReport;
import io.marketgraph.linkpred.tune.Validation;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code bin/marketgraph tune-embeddings}: node2vec's p and q (walk length, window) tuned on a
 * validation split, the winner's embedding written as {@code embed} writes it, the grid in a JSON
 * report and an HTML heat map. Exit 0 ok, 2 bad usage, 3 input rejected, 1 failure.
 */
public final class TuneEmbeddingsMain {

    static final String USAGE = String.join("\n",
            "usage: bin/marketgraph tune-embeddings --graph PATH --out DIR [flags]",
            "",
            "  --graph PATH          edge list 'src dst [weight]' or graph directory, read as undirected (required)",
            "  --out DIR             the winner's embedding store (as embed writes it) (required)",
            "  --report FILE         JSON report (default: DIR-tune.json); the heat map goes beside it as .html",
            "  --task TASK           validation: link-prediction (held-back edges) | node-classification (--labels)",
            "                        (default link-prediction)",
            "  --labels FILE         node<TAB>label lines (node-classification)",
            "  --holdout X           link-prediction: fraction of edges held back (default 0.5)",
            "  --p-values LIST       comma-separated (default 0.25,0.5,1,2,4)",
            "  --q-values LIST       comma-separated (default 0.25,0.5,1,2,4)",
            "  --walk-lengths LIST   comma-separated (default: --walk-length)",
            "  --windows LIST        comma-separated (default: --window)",
            "  --screen-walks N      walks per node when screening every point (default 2)",
            "  --finalists N         best screened points re-run on the full corpus, plus p=q=1 (default 3)",
            "  --dim N (128)  --walk-length N (80)  --walks-per-node N (10)  --window N (10)  --epochs N (1)",
            "  --negatives N (5)  --threads N (all cores)  --seed N (1)",
            "  --help                this text");

    private static final Set<String> VALUED = Set.of("--graph", "--out", "--report", "--task", "--labels", "--holdout",
            "--p-values", "--q-values", "--walk-lengths", "--windows", "--screen-walks", "--finalists", "--dim",
            "--walk-length", "--walks-per-node", "--window", "--epochs", "--negatives", "--threads", "--seed");

    private TuneEmbeddingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CliFlags f;
        String task;
        WalkConfig walks;
        SkipGramConfig sg;
        List<EmbeddingTuner.Point> grid;
        EmbeddingTuner.Point baseline;
        EmbeddingTuner tuner;
        try {
            f = CliFlags.parse(args, VALUED, Set.of());
            if (f.help()) {
                System.out.println(USAGE);
                return 0;
            }
            f.required("--graph");
            f.required("--out");
            task = f.string("--task", "link-prediction");
            if (!task.equals("link-prediction") && !task.equals("node-classification")) {
                throw new CliFlags.UsageException("--task must be link-prediction or node-classification, got '" + task + "'");
            }
            if (task.equals("node-classification") && !f.has("--labels")) {
                throw new CliFlags.UsageException("--task node-classification needs --labels FILE");
            }
            long seed = f.longValue("--seed", 1L);
            walks = new WalkConfig(f.intValue("--walks-per-node", 10), f.intValue("--walk-length", 80), 1, 1, seed);
            sg = new SkipGramConfig(f.intValue("--dim", 128), f.intValue("--window", 10), f.intValue("--negatives", 5),
                    f.intValue("--epochs", 1), 0.025f, 1e-3,
                    f.intValue("--threads", Runtime.getRuntime().availableProcessors()), seed);
            grid = EmbeddingTuner.grid(list(f, "--p-values", "0.25,0.5,1,2,4", Double::valueOf),
                    list(f, "--q-values", "0.25,0.5,1,2,4", Double::valueOf),
                    list(f, "--walk-lengths", String.valueOf(walks.walkLength()), Integer::valueOf),
                    list(f, "--windows", String.valueOf(sg.window()), Integer::valueOf));
            baseline = new EmbeddingTuner.Point(1.0, 1.0, walks.walkLength(), sg.window());
            if (!grid.contains(baseline)) {
                throw new CliFlags.UsageException("the grid must contain the baseline " + baseline
                        + ": include p=1, q=1, the --walk-length and the --window in the lists");
            }
            tuner = new EmbeddingTuner(walks, sg, f.intValue("--screen-walks", 2), f.intValue("--finalists", 3),
                    System.err::println);
        } catch (CliFlags.UsageException | IllegalArgumentException e) {
            System.err.println("tune-embeddings: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        try {
            long t0 = System.nanoTime();
            ProgressTracker progress = LoggingProgressTracker.toStderr("tune-embeddings");
            Path graphPath = Path.of(f.required("--graph"));
            GraphDirectory.Loaded loaded = GraphDirectory.load(graphPath);
            CsrGraph graph = CsrBuilder.build(loaded.edges(), false).graph();
            long seed = walks.seed();
            Validation validation = task.equals("link-prediction")
                    ? Validation.linkPrediction(graph, f.doubleValue("--holdout", 0.5), seed)
                    : labelled(graph, LabelFile.read(Path.of(f.required("--labels")), loaded.nodes().ids()), seed);
            EmbeddingTuner.Outcome outcome = tuner.tune(grid, baseline, validation, progress);
            long t1 = System.nanoTime();
            float[] vectors = validation.trainsOnWholeGraph() ? outcome.winnerVectors()
                    : tuner.embed(graph, outcome.winner().point(), walks.walksPerNode()).vectors();
            double finalEmbedSeconds = validation.trainsOnWholeGraph() ? 0 : (System.nanoTime() - t1) / 1e9;
            Path out = Path.of(f.required("--out"));
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
            Path json = Path.of(f.string("--report", out + "-tune.json"));
            Path html = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".html");
            TuneReport.write(json, html, report, TuneReport.html(outcome, "node2vec tuning: " + graphPath, validation.metric()));
            System.out.println("== tune-embeddings summary");
            System.out.printf(Locale.ROOT, "graph             %s (%,d nodes, %,d edges)%n", graphPath, graph.nodeCount(), graph.edgeCount());
            System.out.printf(Locale.ROOT, "validation        %s%n", validation.metric());
            System.out.printf(Locale.ROOT, "grid              %d points screened at %s walks/node, finalists at %d%n",
                    grid.size(), f.string("--screen-walks", "2"), walks.walksPerNode());
            System.out.printf(Locale.ROOT, "verdict           %s%n", TuneReport.verdict(outcome));
            System.out.printf(Locale.ROOT, "wall              %.1f s (one full run %.1f s; %d full runs ~ %.0f s, %.1f x)%n",
                    total, fullRun, grid.size(), fullRun * grid.size(), fullRun * grid.size() / total);
            System.out.printf(Locale.ROOT, "embedding         %s%nreport            %s, %s%n", out, json, html);
            return 0;
        } catch (InvalidInputException e) {
            System.err.println("tune-embeddings: input rejected: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            System.err.println("tune-embeddings: failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static Validation labelled(CsrGraph graph, LabelFile.Labels labels, long seed) {
        return Validation.nodeClassification(graph, labels.perNode(), labels.names().size(), seed);
    }

    private static <T> List<T> list(CliFlags f, String flag, String fallback, Function<String, T> parse) {
        String v = f.string(flag, fallback);
        List<T> out = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                out.add(parse.apply(s.strip()));
            } catch (NumberFormatException e) {
                throw new CliFlags.UsageException(String.format(Locale.ROOT,
                        "%s must be a comma-separated list of numbers, got '%s' in '%s'", flag, s, v));
            }
        }
        return out;
    }
}
