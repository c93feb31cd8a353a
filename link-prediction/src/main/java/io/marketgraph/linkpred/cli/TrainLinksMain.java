package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.linkpred.train.TrainLinksResult;
import io.marketgraph.progress.LoggingProgressTracker;

/** {@code bin/marketgraph train-links}: the flags are {@link TrainLinksOptions}. */
public final class TrainLinksMain {

    private TrainLinksMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("train-links", new TrainLinksOptions(), args, options -> {
            TrainLinksConfig config = options.config();
            TrainLinksResult result = new TrainLinksJob(config, options.ranker(config),
                    LoggingProgressTracker.toStderr("train-links")).run();
            System.out.print(result.summary());
            return result.promoted() ? 0 : 1;
        });
    }
}
