package io.marketgraph.embeddings.cli;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.progress.LoggingProgressTracker;

/** {@code bin/marketgraph embed}: exit 0 ok, 2 bad usage, 3 input rejected, 1 failure. */
public final class EmbedMain {

    private EmbedMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (EmbedOptions.wantsHelp(args)) {
            System.out.println(EmbedOptions.USAGE);
            return 0;
        }
        EmbedOptions options;
        try {
            options = EmbedOptions.parse(args);
        } catch (io.marketgraph.cli.CliFlags.UsageException e) {
            System.err.println("embed: " + e.getMessage());
            System.err.println(EmbedOptions.USAGE);
            return 2;
        }
        try {
            EmbedJob.Summary summary = EmbedJob.run(options, LoggingProgressTracker.toStderr("embed"));
            System.out.print(summary.render());
            return 0;
        } catch (InvalidInputException e) {
            System.err.println("embed: input rejected: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            System.err.println("embed: failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }
}
