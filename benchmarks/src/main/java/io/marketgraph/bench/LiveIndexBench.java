package io.marketgraph.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.cli.UsageException;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.retrieval.LiveIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/marketgraph bench-live-index}: the candidates for the API's live post index, on the same
 * clustered unit vectors, each post in one of {@code --regions} regions and {@code --sold-percent} of
 * them marked sold after the inserts; every query asks for the top K of one region among the posts not
 * sold (the filters the endpoints apply). Measured per structure: inserts per second (one thread),
 * recall@K against exact filtered search, single-thread p50/p99 of one query, and memory.
 * <ul>
 *   <li>{@code exact}: link-prediction's {@link LiveIndex} (every vector scored, filters as a predicate);</li>
 *   <li>{@code ivf}: {@link IvfIndex} at {@code --nprobe}, which takes no inserts: its "insert rate" is a rebuild;</li>
 *   <li>{@code live_ivf}: {@link LiveIndex} partitioned by that IVF index's cells (what the API serves new posts
 *       from): one insert at a time filed under the nearest centroid with its region as the slot's tag, the
 *       {@code --nprobe} nearest cells searched, the tag tested before the dot product;</li>
 *   <li>{@code lucene_hnsw}: Lucene's {@code KnnFloatVectorField} (HNSW, M 16, beam 100) in memory, the region as
 *       a filter query, sold posts deleted, a near-real-time reader; on the first {@code --lucene-posts} posts,
 *       since its inserts are the slowest (VERSIONS.md section 4.8).</li>
 * </ul>
 */
public final class LiveIndexBench {

    /** The flags of {@code bin/marketgraph bench-live-index}. */
    @Command(name = "bench-live-index", sortOptions = false,
            description = "Live post index candidates: exact LiveIndex, IVF, LiveIndex under IVF cells, Lucene HNSW; inserts/s, filtered recall@K, p50/p99, memory.",
            footer = "Exit: 0 ok, 2 bad usage, 1 failure.")
    static final class Options implements Cli.Checked {
        @Option(names = "--posts", paramLabel = "N", defaultValue = "1000000", description = "posts in the exact and IVF indexes")
        int posts;
        @Option(names = "--lucene-posts", paramLabel = "N", defaultValue = "100000", description = "posts in the Lucene index (0: skip it)")
        int lucenePosts;
        @Option(names = "--dim", paramLabel = "N", defaultValue = "64", description = "vector dimension (embed's default)")
        int dim;
        @Option(names = "--clusters", paramLabel = "N", defaultValue = "2000", description = "Gaussian clusters of the vectors")
        int clusters;
        @Option(names = "--regions", paramLabel = "N", defaultValue = "10", description = "regions; a query filters on one")
        int regions;
        @Option(names = "--sold-percent", paramLabel = "P", defaultValue = "1", description = "posts marked sold (deleted) after the inserts")
        int soldPercent;
        @Option(names = "--queries", paramLabel = "N", defaultValue = "300", description = "queries: a stored vector plus noise")
        int queries;
        @Option(names = "--k", paramLabel = "N", defaultValue = "20", description = "K of recall@K")
        int k;
        @Option(names = "--nprobe", paramLabel = "N", defaultValue = "24", description = "IVF cells scanned (the serving default)")
        int nprobe;
        @Option(names = "--ef", paramLabel = "N", defaultValue = "100", description = "Lucene: candidates kept while searching (k of the query)")
        int ef;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of vectors, regions and queries")
        long seed;
        @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON report there")
        Path out;

        @Override
        public void check() {
            if (posts < 1 || lucenePosts < 0 || lucenePosts > posts || dim < 2 || regions < 1 || queries < 1 || k < 1
                    || soldPercent < 0 || soldPercent > 99) {
                throw new UsageException("need --posts >= 1, 0 <= --lucene-posts <= --posts, --dim >= 2, --regions >= 1,"
                        + " --queries >= 1, --k >= 1, --sold-percent in 0..99");
            }
        }
    }

    /** A post as the filters see it. */
    private record Post(int row, int region, boolean[] sold) {
        boolean listed(int wanted) {
            return region == wanted && !sold[row];
        }
    }

    private LiveIndexBench() {}

    public static void main(String[] args) {
        System.exit(Cli.run("bench-live-index", new Options(), args, LiveIndexBench::bench));
    }

    private static int bench(Options o) {
        int n = o.posts;
        int dim = o.dim;
        float[] v = unitRows(AnnBench.clustered(n, dim, o.clusters, o.seed), dim);
        SplittableRandom random = new SplittableRandom(o.seed + 1);
        int[] region = new int[n];
        Arrays.setAll(region, i -> random.nextInt(o.regions));
        boolean[] sold = new boolean[n];
        float[] q = new float[o.queries * dim];
        int[] qRegion = new int[o.queries];
        for (int i = 0; i < o.queries; i++) {
            int base = random.nextInt(n) * dim;
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = v[base + d] + 0.3f * (float) random.nextGaussian() / (float) Math.sqrt(dim);
            }
            qRegion[i] = random.nextInt(o.regions);
        }
        q = unitRows(q, dim);
        System.err.printf(Locale.ROOT, "bench-live-index: %d posts x %d, %d regions, %d%% sold, %d queries, k %d%n",
                n, dim, o.regions, o.soldPercent, o.queries, o.k);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("posts", n);
        report.put("dim", dim);
        report.put("regions", o.regions);
        report.put("sold_percent", o.soldPercent);
        report.put("queries", o.queries);
        report.put("k", o.k);

        // exact: inserts, then mark sold, then queries; its answers are the truth of the others
        long heapBefore = usedHeap();
        LiveIndex<Post> exact = new LiveIndex<>(dim);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            exact.put(Integer.toString(i), Arrays.copyOfRange(v, i * dim, (i + 1) * dim), new Post(i, region[i], sold));
        }
        double exactInsert = n / ((System.nanoTime() - t0) / 1e9);
        long exactBytes = usedHeap() - heapBefore;
        for (int i = 0; i < n; i++) {
            sold[i] = random.nextInt(100) < o.soldPercent;
        }
        List<Set<Integer>> truth = new ArrayList<>();
        long[] nanos = new long[o.queries];
        for (int i = 0; i < o.queries; i++) {
            float[] query = Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
            int wanted = qRegion[i];
            long s = System.nanoTime();
            List<LiveIndex.Scored<Post>> hits = exact.search(query, o.k, p -> p.listed(wanted));
            nanos[i] = System.nanoTime() - s;
            Set<Integer> rows = new HashSet<>();
            hits.forEach(h -> rows.add(h.item().row()));
            truth.add(rows);
        }
        report.put("exact", result(exactInsert, 1.0, nanos, exactBytes, "LiveIndex, every vector scored"));
        print("exact", report.get("exact"));

        // IVF at nprobe: built once (no inserts), same filters as a predicate
        t0 = System.nanoTime();
        IvfIndex ivf = IvfIndex.build(v, dim, IntStream.range(0, n).toArray(), IvfIndex.defaultCells(n), o.seed);
        double build = (System.nanoTime() - t0) / 1e9;
        double recall = 0;
        for (int i = 0; i < o.queries; i++) {
            int wanted = qRegion[i];
            long s = System.nanoTime();
            int[] found = ivf.search(q, i * dim, o.k, o.nprobe, row -> region[row] == wanted && !sold[row]).nodes();
            nanos[i] = System.nanoTime() - s;
            recall += overlap(found, truth.get(i), o.k);
        }
        Map<String, Object> ivfResult = result(n / build, recall / o.queries, nanos, (long) n * dim * 4 + (long) n * 4,
                String.format(Locale.ROOT, "IvfIndex, %d cells, nprobe %d; built in %.1f s, no inserts: the rate is a full rebuild's",
                        ivf.cells(), o.nprobe, build));
        report.put("ivf", ivfResult);
        print("ivf", ivfResult);

        // the API's live index: the posts inserted one at a time under the IVF's cells, the nprobe nearest searched
        heapBefore = usedHeap();
        LiveIndex<Post> live = new LiveIndex<>(ivf, o.nprobe, 0);   // always partitioned (the API: exact up to 10k)
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            live.put(Integer.toString(i), Arrays.copyOfRange(v, i * dim, (i + 1) * dim), new Post(i, region[i], sold), region[i]);
        }
        double liveInsert = n / ((System.nanoTime() - t0) / 1e9);
        long liveBytes = usedHeap() - heapBefore;
        recall = 0;
        for (int i = 0; i < o.queries; i++) {
            float[] query = Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
            int wanted = qRegion[i];
            long s = System.nanoTime();
            List<LiveIndex.Scored<Post>> hits = live.search(query, o.k, r -> r == wanted, p -> p.listed(wanted));
            nanos[i] = System.nanoTime() - s;
            recall += overlap(hits.stream().mapToInt(h -> h.item().row()).toArray(), truth.get(i), o.k);
        }
        Map<String, Object> liveResult = result(liveInsert, recall / o.queries, nanos, liveBytes, String.format(Locale.ROOT,
                "LiveIndex filed under the IvfIndex's %d cells, nprobe %d (the API's live index): inserts one at a time, "
                        + "the region as each slot's tag (tested first, as the API does), sold as a predicate; memory is the heap delta", ivf.cells(), o.nprobe));
        report.put("live_ivf", liveResult);
        print("live_ivf", liveResult);

        if (o.lucenePosts > 0) {
            report.put("lucene_hnsw", lucene(o, v, region, sold, q, qRegion));
            print("lucene_hnsw", report.get("lucene_hnsw"));
        }
        if (o.out != null) {
            Json.write(o.out, report);
        }
        System.out.println(Json.MAPPER.valueToTree(report).toPrettyString());
        return 0;
    }

    private static Map<String, Object> lucene(Options o, float[] v, int[] region, boolean[] sold, float[] q, int[] qRegion) {
        int n = o.lucenePosts;
        int dim = o.dim;
        // the truth on the first n posts: exact search over them
        LiveIndex<Post> exact = new LiveIndex<>(dim);
        for (int i = 0; i < n; i++) {
            exact.put(Integer.toString(i), Arrays.copyOfRange(v, i * dim, (i + 1) * dim), new Post(i, region[i], sold));
        }
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setRAMBufferSizeMB(256))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Document doc = new Document();
                doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                doc.add(new StringField("region", Integer.toString(region[i]), Field.Store.NO));
                doc.add(new KnnFloatVectorField("v", Arrays.copyOfRange(v, i * dim, (i + 1) * dim), VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(doc);
            }
            writer.commit();
            double insert = n / ((System.nanoTime() - t0) / 1e9);
            long bytes = 0;
            for (String file : dir.listAll()) {
                bytes += dir.fileLength(file);
            }
            for (int i = 0; i < n; i++) {
                if (sold[i]) {
                    writer.deleteDocuments(new Term("id", Integer.toString(i)));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(writer)) {   // near-real-time: sees the deletes uncommitted
                IndexSearcher searcher = new IndexSearcher(reader);
                long[] nanos = new long[o.queries];
                double recall = 0;
                for (int i = 0; i < o.queries; i++) {
                    float[] query = Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
                    int wanted = qRegion[i];
                    Set<Integer> truth = new HashSet<>();
                    exact.search(query, o.k, p -> p.listed(wanted)).forEach(h -> truth.add(h.item().row()));
                    long s = System.nanoTime();
                    ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery("v", query, Math.max(o.ef, o.k),
                            new TermQuery(new Term("region", Integer.toString(wanted)))), Math.max(o.ef, o.k)).scoreDocs;
                    int[] found = new int[Math.min(o.k, hits.length)];
                    for (int h = 0; h < found.length; h++) {
                        found[h] = Integer.parseInt(searcher.storedFields().document(hits[h].doc).get("id"));
                    }
                    nanos[i] = System.nanoTime() - s;
                    recall += overlap(found, truth, o.k);
                }
                return result(insert, recall / o.queries, nanos, bytes,
                        String.format(Locale.ROOT, "Lucene %s KnnFloatVectorField (HNSW M 16, beam 100), first %d posts, k=ef %d,"
                                + " region filter query, sold deleted, NRT reader, %d segments", org.apache.lucene.util.Version.LATEST, n,
                                Math.max(o.ef, o.k), reader.leaves().size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene index in memory failed", e);
        }
    }

    private static Map<String, Object> result(double insertsPerSecond, double recall, long[] nanos, long bytes, String what) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("what", what);
        r.put("inserts_per_second", Math.round(insertsPerSecond));
        r.put("recall_at_k", recall);
        r.put("p50_ms", sorted[sorted.length / 2] / 1e6);
        r.put("p99_ms", sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
        r.put("memory_mb", bytes / 1e6);
        return r;
    }

    private static void print(String name, Object result) {
        System.err.println("bench-live-index: " + name + " " + result);
    }

    private static double overlap(int[] found, Set<Integer> truth, int k) {
        int hit = 0;
        for (int f : found) {
            hit += truth.contains(f) ? 1 : 0;
        }
        return (double) hit / Math.min(k, Math.max(1, truth.size()));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static float[] unitRows(float[] v, int dim) {
        for (int r = 0; r < v.length / dim; r++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += (double) v[r * dim + d] * v[r * dim + d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dim; d++) {
                v[r * dim + d] *= scale;
            }
        }
        return v;
    }
}
