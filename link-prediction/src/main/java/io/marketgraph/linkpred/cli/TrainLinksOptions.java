package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.ranker.RankerStage;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph train-links}; {@link #config()} validates them into a {@link TrainLinksConfig}. */
@Command(name = "train-links", sortOptions = false,
        description = "Trains and evaluates the link models on a time-split graph; registers a version behind the gate.",
        footer = "Exit: 0 promoted, 1 refused by the gate or failed, 2 bad usage (a missing --graph or --embeddings"
                + " included), 3 input rejected.")
public final class TrainLinksOptions implements Cli.Checked {

    // ---- inputs and outputs
    @Option(names = "--graph", paramLabel = "DIR", required = true,
            description = "training graph (build-graph --split-at T: holdout.tsv holds the events after T)")
    Path graph;

    @Option(names = "--embeddings", paramLabel = "DIR", required = true,
            description = "embedding store learnt on that graph (bin/marketgraph embed --graph DIR)")
    Path embeddings;

    @Option(names = "--registry", paramLabel = "DIR", required = true,
            description = "model registry; the candidate is registered as the next version")
    Path registry;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report (default: none; always also written into"
            + " the version); the HTML report with ROC/PR curves goes beside it as FILE.html")
    Path out;

    @Option(names = "--predicted-links", paramLabel = "K", defaultValue = "20",
            description = "top targets per user and task written for Neo4j, 0 for none")
    int predictedLinks;

    // ---- tasks and negatives
    @Option(names = "--tasks", paramLabel = "LIST", defaultValue = "user_post,user_business",
            description = "comma-separated: user_post,user_business")
    String tasks;

    @Option(names = "--negatives", paramLabel = "S", defaultValue = "hard",
            description = "uniform | degree | hard (same region or category)")
    String negatives;

    @Option(names = "--negative-ratio", paramLabel = "N", defaultValue = "1", description = "negatives per positive")
    int negativeRatio;

    // ---- model and training
    @Option(names = "--model", paramLabel = "M", defaultValue = "mlp",
            description = "serving model: logistic | mlp; both are trained and reported")
    String model;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "MLP hidden units")
    int hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8", description = "training epochs")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "pairs per step")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.01", description = "Adam step size")
    float learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + WalkConfig.DEFAULT_SEED,
            description = "seed of negatives, initialisation and batch order")
    long seed;

    // ---- evaluation
    @Option(names = "--k", paramLabel = "N", defaultValue = "20", description = "K of Hits/Recall/NDCG@K")
    int k;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "200",
            description = "targets retrieved by embedding similarity before re-scoring")
    int candidates;

    @Option(names = "--max-eval-users", paramLabel = "N", defaultValue = "2000",
            description = "test users ranked for retrieval metrics")
    int maxEvalUsers;

    // ---- promotion gate and registry
    @Option(names = "--warn-drop", paramLabel = "PP", defaultValue = "1", description = "gate: warn at this drop in percentage points")
    double warnDrop;

    @Option(names = "--refuse-drop", paramLabel = "PP", defaultValue = "3", description = "gate: refuse at this drop")
    double refuseDrop;

    @Option(names = "--force", description = "promote even if the gate refuses")
    boolean force;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "versions kept by garbage collection")
    int keep;

    // ---- classic recommenders fitted and reported on the same split, and their gate
    @Mixin
    BaselineOptions baselines = new BaselineOptions();

    // ---- post recommendations: candidate sources + ranker (off without --ranker-graph)
    @Option(names = "--ranker-graph", paramLabel = "DIR", description = "serve user_post with candidate sources + a"
            + " ranker trained on this graph, built from the same entities with an earlier --split-at (its engagements"
            + " up to --graph's split are the labels); needs --ranker-embeddings")
    Path rankerGraph;

    @Option(names = "--ranker-embeddings", paramLabel = "DIR", description = "embed of --ranker-graph")
    Path rankerEmbeddings;

    @Option(names = "--ranker-users", paramLabel = "N", defaultValue = "3000",
            description = "users of that window whose candidates train and calibrate the ranker")
    int rankerUsers;

    @Option(names = "--ranker-epochs", paramLabel = "N", defaultValue = "4", description = "ranker training epochs")
    int rankerEpochs;

    @Override
    public void check() {
        Cli.existing(graph, "--graph");
        Cli.existing(embeddings, "--embeddings");
        Cli.existing(rankerGraph, "--ranker-graph");
        Cli.existing(rankerEmbeddings, "--ranker-embeddings");
        ranker(config());
    }

    /** The ranker's settings, or null without --ranker-graph. */
    public RankerStage.Config ranker(TrainLinksConfig config) {
        if (rankerGraph == null && rankerEmbeddings == null) {
            return null;
        }
        Cli.require(rankerGraph != null && rankerEmbeddings != null,
                "--ranker-graph and --ranker-embeddings go together, got only %s",
                rankerGraph == null ? "--ranker-embeddings" : "--ranker-graph");
        Cli.require(rankerUsers >= 10, "--ranker-users must be >= 10, got %s", rankerUsers);
        LinkModelConfig model = new LinkModelConfig(LinkModelKind.MLP, config.model().hiddenUnits(),
                rankerEpochs, 1024, 0.005f, config.model().seed());
        return new RankerStage.Config(rankerGraph, rankerEmbeddings, model, rankerUsers, 0.25);
    }

    /** @throws UsageException naming the flag and the value */
    public TrainLinksConfig config() {
        try {
            LinkModelKind serving = modelKind(model);
            LinkModelConfig modelConfig = new LinkModelConfig(serving, hidden, epochs, batchSize, learningRate, seed);
            List<LinkTask> taskList = Arrays.stream(tasks.split(",")).map(String::trim).map(LinkTask::parse).distinct().toList();
            return new TrainLinksConfig(graph, embeddings, registry, taskList, NegativeStrategy.parse(negatives),
                    negativeRatio, serving, modelConfig, k, candidates, maxEvalUsers,
                    new PromotionGate(warnDrop / 100, refuseDrop / 100), force, keep, out, predictedLinks,
                    baselines.config(seed));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static LinkModelKind modelKind(String value) {
        for (LinkModelKind kind : LinkModelKind.values()) {
            if (kind.name().equals(value.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new UsageException("--model must be one of logistic, mlp, got '" + value + "'");
    }
}
