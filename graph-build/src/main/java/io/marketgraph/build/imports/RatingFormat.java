package io.marketgraph.build.imports;

import java.util.Locale;

/**
 * The interaction logs import-ratings reads, and how each maps onto our event contract.
 *
 * <ul>
 *   <li>{@link #MOVIELENS}: a MovieLens directory ({@code ratings.csv} {@code userId,movieId,rating,timestamp}
 *       in unix seconds, {@code movies.csv} {@code movieId,title,genres}). Every rating is a VIEW, a
 *       rating at or above the like threshold (default 4) also a LIKE; a movie's first genre is its category.</li>
 *   <li>{@link #OTTO}: an OTTO session log ({@code train.jsonl}: {@code {"session", "events": [{"aid", "ts", "type"}]}},
 *       ts in ms). A session is a user; clicks are VIEWs, carts LIKEs, orders PURCHASEs; one category.</li>
 * </ul>
 */
public enum RatingFormat {
    MOVIELENS,
    OTTO;

    public static RatingFormat parse(String value) {
        for (RatingFormat f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--format must be movielens or otto, got '%s'", value));
    }
}
