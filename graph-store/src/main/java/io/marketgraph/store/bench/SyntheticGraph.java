package io.marketgraph.store.bench;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.NodeTable;
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
 * Writes a synthetic graph directory (nodes.tsv/ and edges.tsv/ as gzip parts, {@code _SUCCESS})
 * for the export benchmark: users, posts and businesses with regions and categories, and distinct
 * user -> post/business edges (80 % posts) whose targets are skewed (a few popular targets, a long
 * tail: target = n * u^2), with weights 1..10. Deterministic by seed.
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
            Set<Long> seen = new HashSet<>(edges * 2);
            try (Writer w = gzipWriter(edgesDir.resolve("part-00000.tsv.gz"))) {
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

    private static Writer gzipWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }
}
