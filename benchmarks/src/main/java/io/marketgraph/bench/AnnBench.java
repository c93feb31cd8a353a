package io.marketgraph.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.retrieval.ExactTopK;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.model.NodeKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph bench-ann}: recall@K of the IVF index against exact search, and single-thread
 * query latency (p50, p99), for several nprobe values, on real embeddings (--embeddings DIR, the
 * rows of one kind) or on generated clustered vectors (--vectors N). Writes JSON (--out FILE).
 */
public final class AnnBench {

    /** The flags of {@code bin/marketgraph bench-ann}. */
    @Command(name = "bench-ann", sortOptions = false,
            description = "Recall@K of the IVF index against exact search and single-thread query latency per nprobe.",
            footer = "Exit: 0 ok, 2 bad usage, 3 unreadable embeddings, 1 failure.")
    static final class Options implements Cli.Checked {
        // ---- vectors: real ones, or generated clusters
        @Option(names = "--embeddings", paramLabel = "DIR", description = "an embedding store: its rows of --kind")
        Path embeddings;
        @Option(names = "--kind", paramLabel = "K", defaultValue = "post", description = "post | user | business | any")
        String kind;
        @Option(names = "--vectors", paramLabel = "N", defaultValue = "1000000", description = "generated vectors")
        int vectors;
        @Option(names = "--dim", paramLabel = "N", defaultValue = "128", description = "generated vectors' dimension")
        int dim;
        @Option(names = "--clusters", paramLabel = "N", defaultValue = "2000", description = "generated Gaussian clusters")
        int clusters;
        // ---- queries
        @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", description = "queries: a stored vector plus noise")
        int queries;
        @Option(names = "--held-out-queries", description = "queries are the vectors of --queries rows taken out of the"
                + " index (real vectors the index has not seen)")
        boolean heldOut;
        @Option(names = "--k", paramLabel = "N", defaultValue = "20", description = "K of recall@K")
        int k;
        @Option(names = "--nprobe", paramLabel = "N,N", defaultValue = "8,16,24,32,48", split = ",",
                description = "cells scanned per query, one run each")
        List<Integer> nprobe;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of vectors, queries and index")
        long seed;
        @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON report there")
        Path out;

        @Override
        public void check() {
            Cli.existing(embeddings, "--embeddings");
        }
    }

    private AnnBench() {}

    public static void main(String[] args) {
        System.exit(Cli.run("bench-ann", new Options(), args, AnnBench::bench));
    }

    private static int bench(Options o) {
        long seed = o.seed;
        int k = o.k;
        float[] vectors;
        int dim;
        int[] rows;
        String source;
        if (o.embeddings != null) {
            EmbeddingStore store = EmbeddingStore.read(o.embeddings);
            NodeKind kind = o.kind.equals("any") ? null : NodeKind.parse(o.kind);
            vectors = store.vectors();
            dim = store.dim();
            rows = IntStream.range(0, store.count()).filter(n -> kind == null || store.nodes().kind(n) == kind).toArray();
            source = o.embeddings + " (" + o.kind + ")";
        } else {
            int n = o.vectors;
            dim = o.dim;
            vectors = clustered(n, dim, o.clusters, seed);
            rows = IntStream.range(0, n).toArray();
            source = String.format(Locale.ROOT, "generated: %d vectors in %d Gaussian clusters", n, o.clusters);
        }
        int queries = o.queries;
        boolean heldOut = o.heldOut;
        SplittableRandom random = new SplittableRandom(seed + 1);
        float[] q = new float[queries * dim];
        if (heldOut) { // real vectors the index has not seen, as a new user's would be
            int[] shuffled = rows.clone();
            for (int i = 0; i < queries; i++) {
                int j = i + random.nextInt(shuffled.length - i);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
                System.arraycopy(vectors, shuffled[i] * dim, q, i * dim, dim);
            }
            rows = Arrays.copyOfRange(shuffled, queries, shuffled.length);
            Arrays.sort(rows);
        } else {
            for (int i = 0; i < queries; i++) { // a stored vector plus noise: a user near some items
                int base = rows[random.nextInt(rows.length)] * dim;
                for (int d = 0; d < dim; d++) {
                    q[i * dim + d] = vectors[base + d] + 0.3f * (float) random.nextGaussian() / (float) Math.sqrt(dim);
                }
            }
        }
        System.err.printf(Locale.ROOT, "bench-ann: %s, %d x %d, %d queries (%s)%n", source, rows.length, dim, queries,
                heldOut ? "held out" : "stored vector + noise");
        long t0 = System.nanoTime();
        IvfIndex index = IvfIndex.build(vectors, dim, rows, IvfIndex.defaultCells(rows.length), seed);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "bench-ann: built %d cells in %.1f s%n", index.cells(), buildSeconds);

        ExactTopK exact = new ExactTopK(new EmbeddingStore(dim, vectors, NodeTable.untyped(new String[vectors.length / dim])), rows);
        List<Set<Integer>> truth = IntStream.range(0, queries).parallel().mapToObj(i -> {
            Set<Integer> s = new HashSet<>();
            for (int n : exact.search(q, i * dim, k, x -> false)) {
                s.add(n);
            }
            return s;
        }).toList();

        Map<String, Object> results = new LinkedHashMap<>();
        for (int nprobe : o.nprobe) {
            for (int i = 0; i < Math.min(200, queries); i++) { // warm-up
                index.search(q, i * dim, k, nprobe, x -> true);
            }
            long[] nanos = new long[queries];
            double recall = 0;
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                int[] found = index.search(q, i * dim, k, nprobe, x -> true).nodes();
                nanos[i] = System.nanoTime() - s;
                int hit = 0;
                for (int f : found) {
                    hit += truth.get(i).contains(f) ? 1 : 0;
                }
                recall += (double) hit / k;
            }
            Arrays.sort(nanos);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("recall_at_k", recall / queries);
            r.put("p50_ms", nanos[queries / 2] / 1e6);
            r.put("p99_ms", nanos[(int) (queries * 0.99)] / 1e6);
            results.put("nprobe_" + nprobe, r);
            System.err.printf(Locale.ROOT, "bench-ann: nprobe %3d  recall@%d %.4f  p50 %.3f ms  p99 %.3f ms%n",
                    nprobe, k, recall / queries, nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", source);
        report.put("vectors", rows.length);
        report.put("dim", dim);
        report.put("cells", index.cells());
        report.put("k", k);
        report.put("queries", queries);
        report.put("queries_from", heldOut ? "held-out rows" : "stored vector + noise");
        report.put("build_seconds", buildSeconds);
        report.put("results", results);
        if (o.out != null) {
            Json.write(o.out, report);
        }
        System.out.println(Json.MAPPER.valueToTree(report).toPrettyString());
        return 0;
    }

    /** n vectors around {@code clusters} Gaussian centres (noise 0.5 a dimension), deterministic by seed. */
    static float[] clustered(int n, int dim, int clusters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[clusters * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextGaussian();
        }
        float[] v = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(clusters);
            for (int d = 0; d < dim; d++) {
                v[i * dim + d] = centres[c * dim + d] + 0.5f * (float) random.nextGaussian();
            }
        }
        return v;
    }
}
