package io.marketgraph.build.imports;

import java.nio.file.Path;
import java.util.Locale;

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

    public ImportRatingsConfig {
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--holdout-fraction must be in (0, 1), got %s", holdoutFraction));
        }
        if (region < 0) {
            throw new IllegalArgumentException("--region must be >= 0, got " + region);
        }
    }
}
