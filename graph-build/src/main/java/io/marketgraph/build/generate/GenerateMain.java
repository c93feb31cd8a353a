package io.marketgraph.build.generate;

import io.marketgraph.cli.Cli;
import io.marketgraph.progress.LoggingProgressTracker;
import java.util.Locale;

/** {@code bin/marketgraph generate}: a synthetic marketplace. Exit 0 ok, 2 bad usage, 1 failure. */
public final class GenerateMain {

    private GenerateMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return Cli.run("generate", new GenerateOptions(), args, options -> {
            GenerateConfig config = options.config();
            MarketplaceGenerator.Result r = new MarketplaceGenerator(config,
                    LoggingProgressTracker.toStderr("generate")).run();
            System.out.println(String.format(Locale.ROOT, String.join("\n",
                    "generate: wrote %s in %.1f s",
                    "  users       %,d",
                    "  posts       %,d",
                    "  businesses  %,d",
                    "  regions     %,d (grid %dx%d)",
                    "  categories  %,d",
                    "  events      %,d  (%s)",
                    "  searches    %,d",
                    "  seed        %d"),
                    config.out(), r.seconds(), r.users(), r.posts(), r.businesses(), r.regions(), config.gridSide(),
                    config.gridSide(), r.categories(), r.events(), r.eventsByAction(), r.searches(), config.seed()));
            return 0;
        });
    }
}
