package io.marketgraph.personalize.features;

import io.marketgraph.io.CsvLine;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the re-ranker needs to know of a post beyond the graph: when it was listed (freshness) and
 * who sells it (does the user follow the seller). Read from the entities' {@code posts.csv}; kept
 * with the re-rank model as {@value #FILE} so serving computes the same features.
 */
public final class PostFacts {

    public static final String FILE = "post-facts.tsv";

    public record Fact(long createdAt, String sellerKind, String sellerId) {}

    private final Map<String, Fact> byPost;

    private PostFacts(Map<String, Fact> byPost) {
        this.byPost = byPost;
    }

    public Fact get(String postId) {
        return byPost.get(postId);
    }

    public int size() {
        return byPost.size();
    }

    /** Every post's fact, in no particular order (the featurizer indexes them once at load). */
    public void forEach(java.util.function.BiConsumer<String, Fact> action) {
        byPost.forEach(action);
    }

    /** Reads {@code posts.csv} (header naming post_id, seller_kind, seller_id, created_at). */
    public static PostFacts fromPostsCsv(Path file) {
        Map<String, Fact> facts = new HashMap<>();
        try (BufferedReader in = TextFiles.open(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException(file + " is empty: expected a header line");
            }
            List<String> cols = List.of(CsvLine.split(header));
            int post = column(cols, "post_id", file);
            int sellerKind = column(cols, "seller_kind", file);
            int seller = column(cols, "seller_id", file);
            int created = column(cols, "created_at", file);
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = CsvLine.split(line);
                if (f.length != cols.size()) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "%s line %d: expected %d columns, got %d",
                            file, lineNo, cols.size(), f.length));
                }
                long createdAt;
                try {
                    createdAt = Long.parseLong(f[created]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: created_at must be epoch milliseconds, got '%s'", file, lineNo, f[created]), e);
                }
                facts.put(f[post], new Fact(createdAt, f[sellerKind], f[seller]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        return new PostFacts(facts);
    }

    public void write(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("post_id\tcreated_at\tseller_kind\tseller_id\n");
            for (Map.Entry<String, Fact> e : new java.util.TreeMap<>(byPost).entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue().createdAt() + "\t" + e.getValue().sellerKind() + "\t"
                        + e.getValue().sellerId() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    public static PostFacts read(Path file) {
        Map<String, Fact> facts = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new InvalidInputException(file + " line " + lineNo + ": expected 4 columns, got " + f.length);
                }
                facts.put(f[0], new Fact(Long.parseLong(f[1]), f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        return new PostFacts(facts);
    }

    private static int column(List<String> cols, String name, Path file) {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new InvalidInputException(file + ": header " + cols + " lacks the column '" + name + "'");
        }
        return i;
    }
}
