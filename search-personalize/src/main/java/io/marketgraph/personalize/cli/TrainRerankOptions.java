package io.marketgraph.personalize.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.personalize.train.TrainRerankConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph train-rerank}; {@link #config()} validates them into a {@link TrainRerankConfig}. */
@Command(name = "train-rerank", sortOptions = false,
        description = "Learns the search re-ranker from search logs, evaluates it with bootstrap intervals, registers a"
                + " version on top of the registry's CURRENT one (behind the gate).",
        footer = "Exit: 0 promoted, 1 refused by the gate or failed, 2 bad usage (a missing input included), 3 input rejected.")
public final class TrainRerankOptions implements Cli.Checked {

    // ---- inputs and outputs
    @Option(names = "--graph", paramLabel = "DIR", required = true,
            description = "training graph built with build-graph --split-at T (searches after T are used)")
    Path graph;

    @Option(names = "--search", paramLabel = "PATH", required = true,
            description = "search logs: JSON Lines file or directory of parts (generate writes DATA/search)")
    Path search;

    @Option(names = "--posts", paramLabel = "FILE", required = true,
            description = "the entities' posts file (listing time and seller of each post)")
    Path posts;

    @Option(names = "--regions", paramLabel = "FILE", description = "the entities' regions.csv (region coordinates;"
            + " default: regions.csv beside --posts when it exists, else the distance feature is 0)")
    Path regions;

    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "registry; the CURRENT version's"
            + " embeddings are used and the re-ranker is registered as a new version on top of it")
    Path registry;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report; the HTML report goes beside it")
    Path out;

    // ---- data split
    @Option(names = "--test-fraction", paramLabel = "X", defaultValue = "0.4",
            description = "latest share of the searches after T held out")
    double testFraction;

    @Option(names = "--min-interactions", paramLabel = "N", defaultValue = "0", description = "users with fewer graph"
            + " interactions keep the base order (0: every user the graph knows is personalized; unknown users always"
            + " keep the base order)")
    int minInteractions;

    // ---- training
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "6", description = "training epochs")
    int epochs;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.01", description = "Adam step size")
    float learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + WalkConfig.DEFAULT_SEED, description = "random seed")
    long seed;

    // ---- evaluation, gate and registry
    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000", description = "bootstrap resamples for the intervals")
    int bootstrap;

    @Option(names = "--refuse-drop", paramLabel = "PP", defaultValue = "3",
            description = "gate: refuse at this NDCG@10 drop in points (warns at 1)")
    double refuseDrop;

    @Option(names = "--force", description = "register and activate even if the gate refuses")
    boolean force;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "versions kept")
    int keep;

    @Override
    public void check() {
        Cli.existing(graph, "--graph");
        Cli.existing(search, "--search");
        Cli.existing(posts, "--posts");
        Cli.existing(regions, "--regions");
        Cli.existing(registry, "--registry");
        config();
    }

    /** @throws UsageException naming the flag and the value */
    public TrainRerankConfig config() {
        Path sibling = posts.toAbsolutePath().resolveSibling("regions.csv");
        Path regionsFile = regions != null ? regions : Files.exists(sibling) ? sibling : null;
        try {
            return new TrainRerankConfig(graph, search, posts, regionsFile, registry, testFraction, minInteractions,
                    new LinkModelConfig(LinkModelKind.LOGISTIC, 1, epochs, 512, learningRate, seed), bootstrap,
                    new PromotionGate(0.01, refuseDrop / 100), force, keep, out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
