package io.marketgraph.build.imports;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph import-ratings}; {@link #config()} turns them into the job's config. */
@Command(name = "import-ratings", sortOptions = false,
        description = "A public ratings or interaction log -> our event and entity contract.",
        footer = {"then: bin/marketgraph build-graph --events OUT/events --entities OUT --out G --split-at <split_at>",
                "Exit: 0 ok, 2 bad usage, 3 input rejected (file, line and value named), 1 failure."})
public final class ImportRatingsOptions implements Cli.Checked {

    @Option(names = "--format", paramLabel = "F", defaultValue = "movielens", description = "movielens | otto")
    String format;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "movielens: the directory with"
            + " ratings.csv and movies.csv; otto: train.jsonl (or a directory holding it)")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "events/ + users.csv, posts.csv, categories.csv, import.json (atomic)")
    Path out;

    @Option(names = "--like-threshold", paramLabel = "X", defaultValue = "4",
            description = "movielens: a rating >= X is also a LIKE")
    double likeThreshold;

    @Option(names = "--region", paramLabel = "N", defaultValue = "0", description = "the region of every user and post")
    int region;

    @Option(names = "--holdout-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "import.json's split_at holds out this share of the latest LIKEs")
    double holdoutFraction;

    @Override
    public void check() {
        Cli.existing(input, "--input");
        config();
    }

    /** @throws UsageException naming the flag and the value */
    public ImportRatingsConfig config() {
        try {
            return new ImportRatingsConfig(RatingFormat.parse(format), input, out, likeThreshold, region, holdoutFraction);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
