package io.marketgraph.build.imports;

import io.marketgraph.cli.CliFlags;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What import-ratings reads and writes.
 *
 * @param format          the input's layout
 * @param input           the dataset directory (or, for OTTO, the {@code .jsonl} file itself)
 * @param out             the output directory: {@code events/}, {@code users.csv}, {@code posts.csv},
 *                        {@code categories.csv}, {@code import.json} (written atomically)
 * @param likeThreshold   MovieLens: a rating at or above it is also a LIKE
 * @param region          the region id every user and post gets (the logs have none)
 * @param holdoutFraction the share of the latest LIKE events the suggested {@code split_at} holds out
 */
public record ImportRatingsConfig(RatingFormat format, Path input, Path out, double likeThreshold, int region,
                                  double holdoutFraction) {

    public static final Set<String> VALUED = Set.of("--format", "--input", "--out", "--like-threshold", "--region",
            "--holdout-fraction");

    public static final String USAGE = """
            usage: bin/marketgraph import-ratings --input DIR --out DIR [flags]

              --format F             movielens | otto (default: movielens)
              --input PATH           movielens: the directory with ratings.csv and movies.csv;
                                     otto: train.jsonl (or a directory holding it)
              --out DIR              events/ + users.csv, posts.csv, categories.csv, import.json (atomic)
              --like-threshold X     movielens: rating >= X is also a LIKE (default: 4)
              --region N             the region of every user and post (default: 0)
              --holdout-fraction F   import.json's split_at holds out this share of the latest LIKEs (default: 0.2)

            then: bin/marketgraph build-graph --events OUT/events --entities OUT --out G --split-at <split_at>
            exit codes: 0 ok, 2 bad usage, 3 input rejected (file, line and value named), 1 failure
            """;

    public ImportRatingsConfig {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--holdout-fraction must be in (0, 1), got %s", holdoutFraction));
        }
        if (region < 0) {
            throw new IllegalArgumentException("--region must be >= 0, got " + region);
        }
    }

    public static ImportRatingsConfig fromFlags(CliFlags flags) {
        return new ImportRatingsConfig(RatingFormat.parse(flags.string("--format", "movielens")),
                Path.of(flags.required("--input")), Path.of(flags.required("--out")),
                flags.doubleValue("--like-threshold", 4.0), flags.intValue("--region", 0),
                flags.doubleValue("--holdout-fraction", 0.2));
    }
}
