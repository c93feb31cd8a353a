package io.marketgraph.build.generate;

import io.marketgraph.cli.UsageException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What to generate. Every field is validated here, before any work starts.
 *
 * @param out           output directory (written atomically)
 * @param users         number of users
 * @param posts         number of posts (listings)
 * @param businesses    number of businesses
 * @param days          length of the simulated window ending at {@code nowMillis}
 * @param seed          the one seed; same seed and flags give byte-identical output
 * @param gridSide      regions form a gridSide x gridSide grid
 * @param categories    number of listing categories
 * @param events        target number of events (the result lands within a few per mille)
 * @param searchRate    share of user sessions that are searches
 * @param sellerShare   share of users that sell (every round(1/sellerShare)-th user)
 * @param nowMillis     end of the simulated window, epoch millis (fixed so output is reproducible)
 * @param threads       worker threads (output does not depend on it)
 * @param usersPerPart  users per events/search part file (output layout depends on it, not on threads)
 * @param gzip          gzip the events and search parts
 */
public record GenerateConfig(Path out, int users, int posts, int businesses, int days, long seed,
                             int gridSide, int categories, long events, double searchRate,
                             double sellerShare, long nowMillis, int threads, int usersPerPart,
                             boolean gzip) {

    public static final long DEFAULT_NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    public GenerateConfig {
        require(users > 0, "--users must be > 0, got %d", users);
        require(posts > 0, "--posts must be > 0, got %d", posts);
        require(businesses > 0, "--businesses must be > 0, got %d", businesses);
        require(days > 0 && days <= 3650, "--days must be in 1..3650, got %d", days);
        require(gridSide > 0 && gridSide <= 100, "--regions-grid must be in 1..100, got %d", gridSide);
        require(categories > 0 && categories <= 1000, "--categories must be in 1..1000, got %d", categories);
        require(events >= 0, "--events must be >= 0, got %d", events);
        require(searchRate >= 0 && searchRate <= 1, "--search-rate must be in 0..1, got %s", searchRate);
        require(sellerShare > 0 && sellerShare <= 1, "--seller-share must be in (0,1], got %s", sellerShare);
        require(threads > 0, "--threads must be > 0, got %d", threads);
        require(usersPerPart > 0, "--users-per-part must be > 0, got %d", usersPerPart);
    }

    public int regions() {
        return gridSide * gridSide;
    }

    public int parts() {
        return (int) ((users + (long) usersPerPart - 1) / usersPerPart);
    }

    /** Every sellerStride-th user (0, stride, 2*stride, ...) sells. */
    public int sellerStride() {
        return Math.max(1, (int) Math.round(1.0 / sellerShare));
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new UsageException(String.format(Locale.ROOT, format, args));
        }
    }
}
