package io.marketgraph.build.imports;

import io.marketgraph.io.CsvLine;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.Action;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The MovieLens CSV layout (ml-latest-small, ml-25m, ...): {@code movies.csv} first (title and the
 * first of the {@code |}-separated genres as the category), then {@code ratings.csv}. A rating of a
 * movie that {@code movies.csv} lacks is skipped and counted; a malformed row fails with its file,
 * line and value.
 */
final class MovieLensReader {

    private final Path dir;
    private final double likeThreshold;

    MovieLensReader(Path dir, double likeThreshold) {
        this.dir = dir;
        this.likeThreshold = likeThreshold;
    }

    void read(InteractionSink sink) {
        Set<String> movies = new HashSet<>();
        forEachRow(require("movies.csv"), "movieId,title,genres", (v, where) -> {
            String genres = v[2].trim();
            int bar = genres.indexOf('|');
            movies.add(v[0].trim());
            sink.item(v[0].trim(), v[1], bar < 0 ? genres : genres.substring(0, bar));
        });
        forEachRow(require("ratings.csv"), "userId,movieId,rating,timestamp", (v, where) -> {
            double rating = number(v[2], "rating", where);
            long seconds = (long) number(v[3], "timestamp", where);
            if (!movies.contains(v[1].trim())) {
                sink.skipped("rating_of_movie_not_in_movies_csv");
                return;
            }
            if (rating >= likeThreshold) {
                sink.interaction(v[0].trim(), v[1].trim(), seconds * 1000, Action.VIEW, Action.LIKE);
            } else {
                sink.interaction(v[0].trim(), v[1].trim(), seconds * 1000, Action.VIEW);
            }
        });
    }

    private interface RowHandler {
        void row(String[] values, String where);
    }

    private Path require(String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "--input %s: no %s (expected the MovieLens layout: ratings.csv and movies.csv)", dir, name));
        }
        return p;
    }

    private static void forEachRow(Path file, String header, RowHandler handler) {
        int columns = header.split(",").length;
        try (BufferedReader in = TextFiles.open(file)) {
            String first = in.readLine();
            if (first == null || !first.strip().equalsIgnoreCase(header)) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s line 1: header must be '%s', got '%s'", file, header, first));
            }
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + " line " + lineNo;
                String[] v = CsvLine.split(line.strip());
                if (v.length != columns) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s: expected %d columns (%s), got %d: '%s'", where, columns, header, v.length, line.strip()));
                }
                handler.row(v, where);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    private static double number(String value, String column, String where) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new InvalidInputException(String.format(Locale.ROOT, "%s: %s must be a number, got '%s'", where, column, value));
    }
}
