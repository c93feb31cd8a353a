package io.marketgraph.build.imports;

import io.marketgraph.cli.CliFlags;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.progress.LoggingProgressTracker;
import java.util.Locale;
import java.util.Set;

/** {@code bin/marketgraph import-ratings}: see {@link ImportRatingsConfig#USAGE}. */
public final class ImportRatingsMain {

    private ImportRatingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        ImportRatingsConfig config;
        try {
            CliFlags flags = CliFlags.parse(args, ImportRatingsConfig.VALUED, Set.of());
            if (flags.help()) {
                System.out.print(ImportRatingsConfig.USAGE);
                return 0;
            }
            config = ImportRatingsConfig.fromFlags(flags);
        } catch (CliFlags.UsageException | IllegalArgumentException e) {
            System.err.println("import-ratings: " + e.getMessage());
            System.err.print(ImportRatingsConfig.USAGE);
            return 2;
        }
        try {
            ImportRatingsJob.Result r = new ImportRatingsJob(config, LoggingProgressTracker.toStderr("import-ratings")).run();
            System.out.printf(Locale.ROOT, "import-ratings: wrote %s%n  events %,d %s%n  users %,d  posts %,d  skipped %s%n"
                            + "  split_at %d (%s): holds out %d LIKEs (%.1f %%)%n",
                    config.out(), r.events(), r.json().get("events_by_action"), r.users(), r.posts(), r.json().get("skipped"),
                    r.splitAtMillis(), r.json().get("split_at").asText(), r.json().get("held_out_likes").asLong(),
                    100 * r.json().get("held_out_like_fraction").asDouble());
            return 0;
        } catch (InvalidInputException e) {
            System.err.println("import-ratings: " + e.getMessage());
            return 3;
        }
    }
}
