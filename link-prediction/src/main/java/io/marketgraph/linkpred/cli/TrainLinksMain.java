package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.cli.CliFlags.UsageException;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.linkpred.baselines.BaselineConfig;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.linkpred.train.TrainLinksResult;
import io.marketgraph.progress.LoggingProgressTracker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code bin/marketgraph train-links}: see {@link #USAGE}. */
public final class TrainLinksMain {

    static final String USAGE = """
            usage: bin/marketgraph train-links --graph DIR --embeddings DIR --registry DIR [flags]

              --graph DIR            training graph (build-graph --split-at T: holdout.tsv holds the events after T)
              --embeddings DIR       embedding store learnt on that graph (bin/marketgraph embed --graph DIR)
              --registry DIR         model registry; the candidate is registered as the next version
              --out FILE             JSON report (default: none; always also written into the version);
                                     the HTML report with ROC/PR curves goes beside it as FILE.html
              --tasks LIST           comma-separated: user_post,user_business (default: both)
              --negatives S          uniform | degree | hard (same region or category) (default: hard)
              --negative-ratio N     negatives per positive (default: 1)
              --model M              serving model: logistic | mlp (default: mlp); both are trained and reported
              --hidden N             MLP hidden units (default: 64)
              --epochs N             training epochs (default: 8)
              --batch-size N         pairs per step (default: 256)
              --learning-rate X      Adam step size (default: 0.01)
              --k N                  K of Hits/Recall/NDCG@K (default: 20)
              --candidates N         targets retrieved by embedding similarity before re-scoring (default: 200)
              --max-eval-users N     test users ranked for retrieval metrics (default: 2000)
              --warn-drop PP         gate: warn at this drop in percentage points (default: 1)
              --refuse-drop PP       gate: refuse at this drop (default: 3)
              --force                promote even if the gate refuses
              --keep N               versions kept by garbage collection (default: 5)
              --predicted-links K    top targets per user and task written for Neo4j, 0 for none (default: 20)
              --seed S               seed of negatives, initialisation and batch order (default: 42)
            """ + BaselineConfig.USAGE + """

            exit codes: 0 promoted, 1 refused by the gate or failed, 2 bad usage, 3 input rejected
            """;

    private TrainLinksMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        TrainLinksConfig config;
        try {
            Set<String> valued = new java.util.HashSet<>(Set.of("--graph", "--embeddings", "--registry", "--out", "--tasks",
                    "--negatives", "--negative-ratio", "--model", "--hidden", "--epochs", "--batch-size", "--learning-rate",
                    "--k", "--candidates", "--max-eval-users", "--warn-drop", "--refuse-drop", "--keep", "--seed",
                    "--predicted-links"));
            valued.addAll(BaselineConfig.VALUED);
            CliFlags flags = CliFlags.parse(args, valued, Set.of("--force"));
            if (flags.help()) {
                System.out.print(USAGE);
                return 0;
            }
            config = config(flags);
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("train-links: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        try {
            TrainLinksResult result = new TrainLinksJob(config, LoggingProgressTracker.toStderr("train-links")).run();
            System.out.print(result.summary());
            return result.promoted() ? 0 : 1;
        } catch (InvalidInputException e) {
            System.err.println("train-links: " + e.getMessage());
            return 3;
        }
    }

    static TrainLinksConfig config(CliFlags flags) {
        LinkModelKind serving = LinkModelKind.valueOf(enumName(flags.string("--model", "mlp"), "--model", "logistic, mlp"));
        LinkModelConfig model = new LinkModelConfig(serving, flags.intValue("--hidden", 64), flags.intValue("--epochs", 8),
                flags.intValue("--batch-size", 256), (float) flags.doubleValue("--learning-rate", 0.01),
                flags.longValue("--seed", 42));
        List<LinkTask> tasks = Arrays.stream(flags.string("--tasks", "user_post,user_business").split(","))
                .map(String::trim).map(LinkTask::parse).distinct().toList();
        String out = flags.string("--out", null);
        return new TrainLinksConfig(
                Path.of(flags.required("--graph")),
                Path.of(flags.required("--embeddings")),
                Path.of(flags.required("--registry")),
                tasks,
                NegativeStrategy.parse(flags.string("--negatives", "hard")),
                flags.intValue("--negative-ratio", 1),
                serving,
                model,
                flags.intValue("--k", 20),
                flags.intValue("--candidates", 200),
                flags.intValue("--max-eval-users", 2000),
                new PromotionGate(flags.doubleValue("--warn-drop", 1) / 100, flags.doubleValue("--refuse-drop", 3) / 100),
                flags.has("--force"),
                flags.intValue("--keep", 5),
                out == null ? null : Path.of(out),
                flags.intValue("--predicted-links", 20),
                BaselineConfig.fromFlags(flags, flags.longValue("--seed", 42)));
    }

    private static String enumName(String value, String flag, String allowed) {
        String upper = value.toUpperCase(Locale.ROOT);
        for (LinkModelKind kind : LinkModelKind.values()) {
            if (kind.name().equals(upper)) {
                return upper;
            }
        }
        throw new UsageException(String.format(Locale.ROOT, "flag %s must be one of %s, got '%s'", flag, allowed, value));
    }
}
