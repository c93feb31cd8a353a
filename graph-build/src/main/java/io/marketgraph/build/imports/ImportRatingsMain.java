package io.marketgraph.build.imports;

import io.marketgraph.cli.Cli;
import io.marketgraph.progress.LoggingProgressTracker;
import java.util.Locale;

/** {@code bin/marketgraph import-ratings}: the flags are {@link ImportRatingsOptions}. */
public final class ImportRatingsMain {

    private ImportRatingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return Cli.run("import-ratings", new ImportRatingsOptions(), args, options -> {
            ImportRatingsConfig config = options.config();
            ImportRatingsJob.Result r = new ImportRatingsJob(config, LoggingProgressTracker.toStderr("import-ratings")).run();
            System.out.printf(Locale.ROOT, "import-ratings: wrote %s%n  events %,d %s%n  users %,d  posts %,d  skipped %s%n"
                            + "  split_at %d (%s): holds out %d LIKEs (%.1f %%)%n",
                    config.out(), r.events(), r.json().get("events_by_action"), r.users(), r.posts(), r.json().get("skipped"),
                    r.splitAtMillis(), r.json().get("split_at").asText(), r.json().get("held_out_likes").asLong(),
                    100 * r.json().get("held_out_like_fraction").asDouble());
            return 0;
        });
    }
}
