package io.marketgraph.personalize.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.cli.Cli;
import io.marketgraph.personalize.train.TrainRerankConfig;
import io.marketgraph.personalize.train.TrainRerankJob;
import io.marketgraph.progress.LoggingProgressTracker;
import java.util.Locale;

/** {@code bin/marketgraph train-rerank}: the flags are {@link TrainRerankOptions}. */
public final class TrainRerankMain {

    private TrainRerankMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("train-rerank", new TrainRerankOptions(), args, options -> {
            TrainRerankConfig config = options.config();
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
        });
    }
}
