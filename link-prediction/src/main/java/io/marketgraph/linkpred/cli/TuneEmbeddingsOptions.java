package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.embeddings.cli.Node2VecOptions;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.linkpred.tune.EmbeddingTuner;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph tune-embeddings}; the node2vec ones are embed's ({@link Node2VecOptions}). */
@Command(name = "tune-embeddings", sortOptions = false,
        description = "node2vec's p and q (walk length, window) tuned on a validation split; the winner's embedding is"
                + " written as embed writes it, the grid as a JSON report and an HTML heat map.",
        footer = "--p and --q are ignored: the grid gives them. Exit: 0 ok, 2 bad usage, 3 input rejected, 1 failure.")
public final class TuneEmbeddingsOptions implements Cli.Checked {

    // ---- input and output
    @Option(names = "--graph", paramLabel = "PATH", required = true,
            description = "edge list 'src dst [weight]' or graph directory, read as undirected")
    Path graph;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the winner's embedding store")
    Path out;

    @Option(names = "--report", paramLabel = "FILE",
            description = "JSON report (default: DIR-tune.json); the heat map goes beside it as .html")
    Path report;

    // ---- validation
    @Option(names = "--task", paramLabel = "TASK", defaultValue = "link-prediction",
            converter = EvaluateEmbeddingsOptions.TaskConverter.class,
            description = "link-prediction (held-back edges) | node-classification (--labels)")
    EvaluateEmbeddingsOptions.Task task;

    @Option(names = "--labels", paramLabel = "FILE", description = "node<TAB>label lines (node-classification)")
    Path labels;

    @Option(names = "--holdout", paramLabel = "X", defaultValue = "0.5",
            description = "link-prediction: fraction of edges held back")
    double holdout;

    // ---- the grid
    @Option(names = "--p-values", paramLabel = "LIST", defaultValue = "0.25,0.5,1,2,4", split = ",",
            description = "return parameters tried")
    List<Double> pValues;

    @Option(names = "--q-values", paramLabel = "LIST", defaultValue = "0.25,0.5,1,2,4", split = ",",
            description = "in-out parameters tried")
    List<Double> qValues;

    @Option(names = "--walk-lengths", paramLabel = "LIST", split = ",", description = "walk lengths tried (default: --walk-length)")
    List<Integer> walkLengths;

    @Option(names = "--windows", paramLabel = "LIST", split = ",", description = "windows tried (default: --window)")
    List<Integer> windows;

    @Option(names = "--screen-walks", paramLabel = "N", defaultValue = "2",
            description = "walks per node when screening every point")
    int screenWalks;

    @Option(names = "--finalists", paramLabel = "N", defaultValue = "3",
            description = "best screened points re-run on the full corpus, plus p=q=1")
    int finalists;

    // ---- node2vec (walks, skip-gram, threads, seed)
    @Mixin
    Node2VecOptions node2vec = new Node2VecOptions();

    @Override
    public void check() {
        Cli.existing(graph, "--graph");
        Cli.require(task != EvaluateEmbeddingsOptions.Task.NODE_CLASSIFICATION || labels != null,
                "--task node-classification needs --labels FILE");
        Cli.existing(labels, "--labels");
        if (!grid().contains(baseline())) {
            throw new UsageException("the grid must contain the baseline " + baseline()
                    + ": include p=1, q=1, the --walk-length and the --window in the lists");
        }
    }

    /** The walk settings the grid varies: p = q = 1 here, the grid's values per point. */
    WalkConfig walks() {
        WalkConfig w = node2vec.walks();
        try {
            return new WalkConfig(w.walksPerNode(), w.walkLength(), 1, 1, w.seed());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    SkipGramConfig skipGram() {
        return node2vec.skipGram();
    }

    List<EmbeddingTuner.Point> grid() {
        return EmbeddingTuner.grid(pValues, qValues,
                walkLengths != null ? walkLengths : List.of(walks().walkLength()),
                windows != null ? windows : List.of(skipGram().window()));
    }

    EmbeddingTuner.Point baseline() {
        return new EmbeddingTuner.Point(1.0, 1.0, walks().walkLength(), skipGram().window());
    }

    Path reportFile() {
        return report != null ? report : Path.of(out + "-tune.json");
    }
}
