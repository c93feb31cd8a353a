package io.marketgraph.embeddings.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.progress.LoggingProgressTracker;

/** {@code bin/marketgraph embed}: exit 0 ok, 2 bad usage, 3 input rejected, 1 failure. */
public final class EmbedMain {

    private EmbedMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return Cli.run("embed", new EmbedOptions(), args, options -> {
            EmbedJob.Summary summary = EmbedJob.run(options, LoggingProgressTracker.toStderr("embed"));
            System.out.print(summary.render());
            return 0;
        });
    }
}
