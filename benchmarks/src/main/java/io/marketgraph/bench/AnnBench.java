package io.marketgraph.bench;

import io.marketgraph.cli.CliFlags;
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

/**
 * {@code bin/marketgraph bench-ann}: recall@K of the IVF index against exact search, and single-thread
 * query latency (p50, p99), for several nprobe values, on real embeddings (--embeddings DIR, the
 * rows of one kind) or on generated clustered vectors (--vectors N). Writes JSON (--out FILE).
 */
public final class AnnBench {

    private AnnBench() {}

    public static void main(String[] args) {
        CliFlags flags = CliFlags.parse(args, Set.of("--vectors", "--dim", "--clusters", "--queries", "--k", "--nprobe",
                "--embeddings", "--kind", "--seed", "--out"), Set.of("--held-out-queries"));
        if (flags.help()) {
            System.out.println("usage: bin/marketgraph bench-ann [--embeddings DIR --kind post|any | --vectors 1000000 --dim 128 "
                    + "--clusters 2000] [--queries 1000] [--held-out-queries] [--k 20] [--nprobe 8,16,24,32,48] [--seed 1] "
                    + "[--out FILE]\n  queries: a stored vector plus noise; with --held-out-queries, the vectors of --queries "
                    + "rows taken out of the index (real vectors the index has not seen)");
            return;
        }
        long seed = flags.longValue("--seed", 1);
        int k = flags.intValue("--k", 20);
        float[] vectors;
        int dim;
        int[] rows;
        String source;
        if (flags.has("--embeddings")) {
            EmbeddingStore store = EmbeddingStore.read(Path.of(flags.required("--embeddings")));
            String kindFlag = flags.string("--kind", "post");
            NodeKind kind = kindFlag.equals("any") ? null : NodeKind.parse(kindFlag);
            vectors = store.vectors();
            dim = store.dim();
            rows = IntStream.range(0, store.count()).filter(n -> kind == null || store.nodes().kind(n) == kind).toArray();
            source = flags.required("--embeddings") + " (" + kindFlag + ")";
        } else {
            int n = flags.intValue("--vectors", 1_000_000);
            dim = flags.intValue("--dim", 128);
            vectors = clustered(n, dim, flags.intValue("--clusters", 2000), seed);
            rows = IntStream.range(0, n).toArray();
            source = String.format(Locale.ROOT, "generated: %d vectors in %d Gaussian clusters", n, flags.intValue("--clusters", 2000));
        }
        int queries = flags.intValue("--queries", 1000);
        boolean heldOut = flags.has("--held-out-queries");
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
        for (String p : flags.string("--nprobe", "8,16,24,32,48").split(",")) {
            int nprobe = Integer.parseInt(p.trim());
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
        if (flags.has("--out")) {
            Json.write(Path.of(flags.required("--out")), report);
        }
        System.out.println(Json.MAPPER.valueToTree(report).toPrettyString());
    }

    private static float[] clustered(int n, int dim, int clusters, long seed) {
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
