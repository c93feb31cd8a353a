package io.marketgraph.store.bench;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.io.PredictedLinksFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic graph directory (nodes.tsv/, edges.tsv/ and interactions.tsv/ as gzip parts,
 * {@code _SUCCESS}) laid out as build-graph writes it, for the export benchmark: users, posts and
 * businesses with regions and categories; one listing edge per post from its seller (a user, or a
 * business for 10 % of posts), in edges.tsv only; and {@code edges} distinct user -> post/business
 * interactions (80 % posts) whose targets are skewed (a few popular targets, a long tail:
 * target = n * u^2), with weights 1..10 in edges.tsv and action counts in interactions.tsv (every
 * pair 1-3 VIEWs; 30 % a LIKE of a post or a FOLLOW of a business, 10 % a CHAT, 3 % of post pairs a
 * PURCHASE). Deterministic by seed.
 *
 * @param regions    regions 0..regions-1, uniform
 * @param categories categories 0..categories-1, uniform
 */
record SyntheticGraph(int users, int posts, int businesses, int edges, int regions, int categories, long seed) {

    SyntheticGraph {
        if (users < 1 || posts < 1 || businesses < 1 || edges < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--users, --posts, --businesses and --edges must be >= 1, got %d, %d, %d, %d",
                    users, posts, businesses, edges));
        }
        if ((long) users * (posts + businesses) < 2L * edges) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--edges %d is too many distinct user-target pairs for %d users x %d targets (at most half)",
                    edges, users, posts + businesses));
        }
    }

    int nodes() {
        return users + posts + businesses;
    }

    /** Writes the graph directory {@code dir} atomically, replacing what was there. */
    void write(Path dir) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = nodes();
        int[] degree = new int[n];
        try (AtomicOutput out = AtomicOutput.create(dir)) {
            Path edgesDir = Files.createDirectories(out.dir().resolve(GraphDirectory.EDGES_TSV));
            Path interactionsDir = Files.createDirectories(out.dir().resolve(GraphDirectory.INTERACTIONS_TSV));
            Set<Long> seen = new HashSet<>((edges + posts) * 2);
            try (Writer w = gzipWriter(edgesDir.resolve("part-00000.tsv.gz"));
                 Writer iw = gzipWriter(interactionsDir.resolve("part-00000.tsv.gz"))) {
                for (int post = users; post < users + posts; post++) {
                    int seller = random.nextDouble() < 0.9 ? random.nextInt(users) : users + posts + random.nextInt(businesses);
                    seen.add((long) seller * n + post);
                    degree[seller]++;
                    degree[post]++;
                    w.write(seller + "\t" + post + "\t1.0\n");
                }
                iw.write(InteractionTable.HEADER + "\n");
                int written = 0;
                while (written < edges) {
                    int user = random.nextInt(users);
                    double u = random.nextDouble();
                    int target = random.nextDouble() < 0.8
                            ? users + (int) (posts * u * u)
                            : users + posts + (int) (businesses * u * u);
                    if (!seen.add((long) user * n + target)) {
                        continue;
                    }
                    degree[user]++;
                    degree[target]++;
                    w.write(user + "\t" + target + "\t" + (1 + random.nextInt(10)) + "\n");
                    iw.write(interactionRow(random, user, target, target < users + posts));
                    written++;
                }
            }
            Path nodesDir = Files.createDirectories(out.dir().resolve(GraphDirectory.NODES_TSV));
            try (Writer w = gzipWriter(nodesDir.resolve("part-00000.tsv.gz"))) {
                w.write(NodeTable.HEADER + "\n");
                for (int node = 0; node < n; node++) {
                    String kind = node < users ? "USER" : node < users + posts ? "POST" : "BUSINESS";
                    String id = (node < users ? "u" : node < users + posts ? "p" : "b") + node;
                    int category = node < users ? -1 : random.nextInt(categories);
                    double pagerank = (degree[node] + 1.0) / (2.0 * edges + n);
                    w.write(node + "\t" + kind + "\t" + id + "\t" + random.nextInt(regions) + "\t"
                            + (category < 0 ? "" : category) + "\t" + degree[node] + "\t" + pagerank + "\t0\n");
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write synthetic graph " + dir, e);
        }
    }

    /**
     * Writes {@code perUser} predicted links a user (80 % to posts, the rest to businesses, targets
     * skewed as the interactions are, distinct per user) to the gzip TSV {@code file}, laid out as
     * train-links writes them: the post links of every user, then the business links. Deterministic by seed.
     */
    void writeLinks(Path file, int perUser) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int postLinks = Math.min(posts, Math.round(perUser * 0.8f));
        int businessLinks = Math.min(businesses, perUser - postLinks);
        try (Writer w = gzipWriter(file)) {
            w.write(PredictedLinksFormat.HEADER + "\n");
            writeLinks(w, random, "POST", "p", users, posts, postLinks);
            writeLinks(w, random, "BUSINESS", "b", users + posts, businesses, businessLinks);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write synthetic predicted links " + file, e);
        }
    }

    private void writeLinks(Writer w, SplittableRandom random, String kind, String prefix, int first, int count,
                            int perUser) throws IOException {
        Set<Integer> targets = new HashSet<>();
        for (int user = 0; user < users; user++) {
            targets.clear();
            while (targets.size() < perUser) {
                double u = random.nextDouble();
                int target = first + (int) (count * u * u);
                if (targets.add(target)) {
                    w.write("USER\tu" + user + "\t" + kind + "\t" + prefix + target + "\t" + random.nextDouble() + "\n");
                }
            }
        }
    }

    /** {@code src dst VIEW SEARCH_CLICK LIKE AD_CLICK CHAT FOLLOW PURCHASE}. */
    private static String interactionRow(SplittableRandom random, int user, int target, boolean post) {
        int view = 1 + random.nextInt(3);
        int like = post && random.nextDouble() < 0.3 ? 1 : 0;
        int follow = !post && random.nextDouble() < 0.3 ? 1 : 0;
        int chat = random.nextDouble() < 0.1 ? 1 : 0;
        int purchase = post && random.nextDouble() < 0.03 ? 1 : 0;
        return user + "\t" + target + "\t" + view + "\t0\t" + like + "\t0\t" + chat + "\t" + follow + "\t" + purchase + "\n";
    }

    private static Writer gzipWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }
}
