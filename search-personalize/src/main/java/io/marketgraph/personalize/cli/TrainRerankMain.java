package io.marketgraph.personalize.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.cli.CliFlags;
import io.marketgraph.cli.CliFlags.UsageException;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.personalize.train.TrainRerankConfig;
import io.marketgraph.personalize.train.TrainRerankJob;
import io.marketgraph.progress.LoggingProgressTracker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code bin/marketgraph train-rerank}: see {@link #USAGE}. */
public final class TrainRerankMain {

    static final String USAGE = """
            usage: bin/marketgraph train-rerank --graph DIR --search DIR --posts FILE --registry DIR [flags]

              --graph DIR             training graph built with build-graph --split-at T (searches after T are used)
              --search PATH           search logs: JSON Lines file or directory of parts (generate writes DATA/search)
              --posts FILE            the entities' posts.csv (listing time and seller of each post)
              --regions FILE          the entities' regions.csv (region coordinates; default: regions.csv beside --posts
                                      when it exists, else the distance feature is 0)
              --registry DIR          registry; the CURRENT version's embeddings are used and the re-ranker is
                                      registered as a new version on top of it
              --out FILE              JSON report; the HTML report goes beside it (default: none)
              --test-fraction X       latest share of the searches after T held out (default: 0.4)
              --min-interactions N    users with fewer graph interactions keep the base order (default: 0: every user
                                      the graph knows is personalized; unknown users always keep the base order)
              --epochs N              training epochs (default: 6)
              --learning-rate X       Adam step size (default: 0.01)
              --bootstrap N           bootstrap resamples for the intervals (default: 1000)
              --refuse-drop PP        gate: refuse at this NDCG@10 drop in points (default: 3; warns at 1)
              --force                 register and activate even if the gate refuses
              --keep N                versions kept (default: 5)
              --seed S                (default: 42)

            exit codes: 0 promoted, 1 refused by the gate or failed, 2 bad usage, 3 input rejected
            """;

    private TrainRerankMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        TrainRerankConfig config;
        try {
            CliFlags flags = CliFlags.parse(args, Set.of("--graph", "--search", "--posts", "--regions", "--registry", "--out",
                    "--test-fraction", "--min-interactions", "--epochs", "--learning-rate", "--bootstrap", "--refuse-drop",
                    "--keep", "--seed"), Set.of("--force"));
            if (flags.help()) {
                System.out.print(USAGE);
                return 0;
            }
            String out = flags.string("--out", null);
            Path posts = Path.of(flags.required("--posts"));
            Path sibling = posts.toAbsolutePath().resolveSibling("regions.csv");
            Path regions = flags.has("--regions") ? Path.of(flags.required("--regions"))
                    : java.nio.file.Files.exists(sibling) ? sibling : null;
            config = new TrainRerankConfig(Path.of(flags.required("--graph")), Path.of(flags.required("--search")),
                    posts, regions, Path.of(flags.required("--registry")),
                    flags.doubleValue("--test-fraction", 0.4), flags.intValue("--min-interactions", 0),
                    new LinkModelConfig(LinkModelKind.LOGISTIC, 1, flags.intValue("--epochs", 6), 512,
                            (float) flags.doubleValue("--learning-rate", 0.01), flags.longValue("--seed", 42)),
                    flags.intValue("--bootstrap", 1000),
                    new PromotionGate(0.01, flags.doubleValue("--refuse-drop", 3) / 100), flags.has("--force"),
                    flags.intValue("--keep", 5), out == null ? null : Path.of(out));
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("train-rerank: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        try {
            ObjectNode report = new TrainRerankJob(config, LoggingProgressTracker.toStderr("train-rerank")).run();
            var ndcg = report.get("ndcg_at_10");
            System.out.printf(Locale.ROOT, "train-rerank: version %s %s%n  NDCG@10 base %.4f  blend %.4f  model %.4f (x%.3f), "
                            + "model-base 95%% CI [%.4f, %.4f]%n  searches %s%n",
                    report.get("version").asText(), report.get("promoted").asBoolean() ? "PROMOTED" : "REFUSED by the gate",
                    ndcg.get("base").asDouble(), ndcg.get("blend").asDouble(), ndcg.get("model").asDouble(),
                    ndcg.get("lift").asDouble(), ndcg.get("ci_low").asDouble(), ndcg.get("ci_high").asDouble(), report.get("searches"));
            report.path("segments").fields().forEachRemaining(s -> {
                if (s.getValue().has("model")) {
                    System.out.printf(Locale.ROOT, "  %-16s %5d searches  base %.4f  model %.4f  diff CI [%.4f, %.4f]%n", s.getKey(),
                            s.getValue().get("searches").asInt(), s.getValue().get("base").get("ndcg_at_10").asDouble(),
                            s.getValue().get("model").get("ndcg_at_10").asDouble(),
                            s.getValue().get("model").get("ndcg_diff_ci_low").asDouble(),
                            s.getValue().get("model").get("ndcg_diff_ci_high").asDouble());
                }
            });
            return report.get("promoted").asBoolean() ? 0 : 1;
        } catch (InvalidInputException e) {
            System.err.println("train-rerank: " + e.getMessage());
            return 3;
        }
    }
}
