package io.marketgraph.linkpred.retrieval;

import io.marketgraph.io.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Approximate nearest neighbours by cosine: an inverted file over k-means cells (IVF-flat). The
 * vectors are unit-normalized and stored cell by cell; a query scores every centroid, scans the
 * {@code nprobe} best cells exactly and keeps the top K that pass the caller's filter.
 *
 * <p>Why not a graph index: jvector, hnswlib and Lucene HNSW (VERSIONS.md §4.8) need minutes per
 * 100k vectors to build on two cores and their parallel builds are not reproducible; this builds
 * 1M vectors in about a minute, deterministically by seed, and its recall is set by one knob.
 * Tuning: recall rises with {@code nprobe} (cells scanned) and cost grows linearly with it; the
 * retrieval benchmark prints recall@20 against exact search for each nprobe.
 */
public final class IvfIndex {

    private static final int MAGIC = 0x4D474956; // "MGIV"
    private static final int VERSION = 1;
    private static final int KMEANS_ITERATIONS = 12;

    private final int dim;
    private final float[] centroids;   // cells × dim, unit length
    private final int[] cellStart;     // cells + 1 offsets into ids/vectors
    private final int[] ids;           // node id of each stored vector, cell by cell
    private final float[] vectors;     // size × dim, unit length, cell by cell
    private final int[] tags;          // a tag of each stored vector (e.g. its region), cell by cell; null: untagged

    private IvfIndex(int dim, float[] centroids, int[] cellStart, int[] ids, float[] vectors) {
        this(dim, centroids, cellStart, ids, vectors, null);
    }

    private IvfIndex(int dim, float[] centroids, int[] cellStart, int[] ids, float[] vectors, int[] tags) {
        this.dim = dim;
        this.centroids = centroids;
        this.cellStart = cellStart;
        this.ids = ids;
        this.vectors = vectors;
        this.tags = tags;
    }

    /**
     * This index with a tag of every stored node ({@code tagOf.applyAsInt(node)}, e.g. its region) kept
     * beside the vectors in cell order, for {@link #search(float[], int, int, int, IntPredicate, IntPredicate)}.
     * Shares the vectors; not written by {@link #write}.
     */
    public IvfIndex tagged(IntUnaryOperator tagOf) {
        int[] t = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            t[i] = tagOf.applyAsInt(ids[i]);
        }
        return new IvfIndex(dim, centroids, cellStart, ids, vectors, t);
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return ids.length;
    }

    public int cells() {
        return cellStart.length - 1;
    }

    /** A cell count that balances centroid scoring against cell scans: about sqrt(n), within 1..4096. */
    public static int defaultCells(int n) {
        return Math.max(1, Math.min(4096, (int) Math.round(Math.sqrt(n))));
    }

    /**
     * Builds an index over the rows {@code nodes} of {@code source} (row-major, {@code dim} wide).
     * Deterministic for a seed; parallel over the vectors.
     */
    public static IvfIndex build(float[] source, int dim, int[] nodes, int requestedCells, long seed) {
        int n = nodes.length;
        if (n == 0) {
            return new IvfIndex(dim, new float[0], new int[] {0}, new int[0], new float[0]);
        }
        int cells = Math.max(1, Math.min(requestedCells, n));
        float[] unit = new float[n * dim];
        IntStream.range(0, n).parallel().forEach(i -> normalizeInto(source, nodes[i] * dim, unit, i * dim, dim));
        float[] centroids = kmeans(unit, n, dim, cells, seed);
        int[] assignment = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> assignment[i] = nearest(centroids, cells, dim, unit, i * dim, false));
        int[] cellStart = new int[cells + 1];
        for (int a : assignment) {
            cellStart[a + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] fill = Arrays.copyOf(cellStart, cells);
        int[] ids = new int[n];
        float[] vectors = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int at = fill[assignment[i]]++;
            ids[at] = nodes[i];
            System.arraycopy(unit, i * dim, vectors, at * dim, dim);
        }
        return new IvfIndex(dim, centroids, cellStart, ids, vectors);
    }

    /**
     * The {@code k} stored nodes most similar to {@code query} (any scale) among those that pass
     * {@code accept}, best first, scanning the {@code nprobe} nearest cells.
     */
    public Hits search(float[] query, int offset, int k, int nprobe, IntPredicate accept) {
        return search(query, offset, k, nprobe, null, accept);
    }

    /**
     * As {@link #search(float[], int, int, int, IntPredicate)}, skipping first the stored vectors whose
     * tag fails {@code tag} (null: no tag test) in a sequential scan of the {@link #tagged} tags, before
     * their dot product and before {@code accept}, whose look-ups by node id miss the CPU cache: a region
     * filter over a 1M-post index costs the region's share of the scan instead of all of it.
     *
     * @throws IllegalStateException for a tag test on an index without tags
     */
    public Hits search(float[] query, int offset, int k, int nprobe, IntPredicate tag, IntPredicate accept) {
        if (tag != null && tags == null) {
            throw new IllegalStateException("a tag filter needs an index built by tagged()");
        }
        float[] q = new float[dim];
        normalizeInto(query, offset, q, 0, dim);
        TopK top = new TopK(k);
        for (int c : probe(q, nprobe)) {
            for (int i = cellStart[c]; i < cellStart[c + 1]; i++) {
                if (tag != null && !tag.test(tags[i])) {
                    continue;
                }
                float s = scanDot(q, vectors, i * dim, dim);
                if (top.wouldAccept(s) && accept.test(ids[i])) {
                    top.offer(ids[i], s);
                }
            }
        }
        return top.hits();
    }

    /** The {@code nprobe} cells whose centroids are nearest {@code unitQuery} (all of them when fewer), in no set order. */
    public int[] probe(float[] unitQuery, int nprobe) {
        int cells = cells();
        TopK probe = new TopK(Math.max(1, Math.min(nprobe, cells)));
        for (int c = 0; c < cells; c++) {
            probe.offer(c, dot(unitQuery, 0, centroids, c * dim, dim));
        }
        return probe.nodes();
    }

    /**
     * The cell whose centroid is nearest {@code unitVector}, where {@link #search} would look for it; -1 for an
     * empty index. Where a live post is filed ({@link LiveIndex}): a scan of every centroid, on
     * {@link #scanDot}, since the ingest writer runs it for every new post (JFR under 1,000 posts/s: the scalar
     * loop was 12 % of the server's samples). A near tie may then file a post under the other of two cells.
     */
    public int cellOf(float[] unitVector) {
        return cells() == 0 || ids.length == 0 ? -1 : nearest(centroids, cells(), dim, unitVector, 0, true);
    }

    /** Nodes and cosine scores, best first. */
    public record Hits(int[] nodes, float[] scores) {}

    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(dim);
            out.writeInt(ids.length);
            out.writeInt(cells());
            writeFloats(out, centroids);
            for (int s : cellStart) {
                out.writeInt(s);
            }
            for (int id : ids) {
                out.writeInt(id);
            }
            writeFloats(out, vectors);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write ANN index " + file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move ANN index into place: " + file, e);
        }
    }

    /** Reads an index written by {@link #write(Path)}, checking its header and size. */
    public static IvfIndex read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt();
            int version = in.readInt();
            int dim = in.readInt();
            int n = in.readInt();
            int cells = in.readInt();
            long expected = 20L + 4L * ((long) cells * dim + cells + 1 + n + (long) n * dim);
            if (magic != MAGIC || version != VERSION || dim < 1 || n < 0 || cells < 0 || Files.size(file) != expected) {
                throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                        "%s is not a complete ANN index of format %d (magic %08x, version %d, %d bytes, expected %d)",
                        file, VERSION, magic, version, Files.size(file), expected));
            }
            float[] centroids = readFloats(in, cells * dim);
            int[] cellStart = new int[cells + 1];
            for (int i = 0; i <= cells; i++) {
                cellStart[i] = in.readInt();
            }
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.readInt();
            }
            return new IvfIndex(dim, centroids, cellStart, ids, readFloats(in, n * dim));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read ANN index " + file, e);
        }
    }

    private static float[] kmeans(float[] unit, int n, int dim, int cells, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int sampleSize = Math.min(n, Math.max(cells * 64, 20_000));
        int[] sample = sample(n, sampleSize, random);
        float[] centroids = new float[cells * dim];
        for (int c = 0; c < cells; c++) {
            System.arraycopy(unit, sample[c] * dim, centroids, c * dim, dim); // distinct points: a seeded random start
        }
        int[] assignment = new int[sampleSize];
        for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
            float[] current = centroids;
            IntStream.range(0, sampleSize).parallel()
                    .forEach(i -> assignment[i] = nearest(current, cells, dim, unit, sample[i] * dim, false));
            double[] sums = new double[cells * dim];
            int[] counts = new int[cells];
            for (int i = 0; i < sampleSize; i++) {
                int c = assignment[i];
                counts[c]++;
                for (int d = 0; d < dim; d++) {
                    sums[c * dim + d] += unit[sample[i] * dim + d];
                }
            }
            float[] next = new float[cells * dim];
            for (int c = 0; c < cells; c++) {
                if (counts[c] == 0) {
                    // an empty cell restarts at a random sample point instead of dying
                    System.arraycopy(unit, sample[random.nextInt(sampleSize)] * dim, next, c * dim, dim);
                    continue;
                }
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    norm += sums[c * dim + d] * sums[c * dim + d];
                }
                double inv = norm == 0 ? 0 : 1 / Math.sqrt(norm);
                for (int d = 0; d < dim; d++) {
                    next[c * dim + d] = (float) (sums[c * dim + d] * inv);
                }
            }
            centroids = next;
        }
        return centroids;
    }

    private static int[] sample(int n, int size, SplittableRandom random) {
        int[] all = IntStream.range(0, n).toArray();
        for (int i = 0; i < size; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, size);
    }

    /** @param scan {@link #scanDot} (offset 0 only) instead of the scalar loop index builds use */
    private static int nearest(float[] centroids, int cells, int dim, float[] v, int offset, boolean scan) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cells; c++) {
            float s = scan ? scanDot(v, centroids, c * dim, dim) : dot(v, offset, centroids, c * dim, dim);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    /** A scan's dot product of the unit query (from index 0) and a stored vector: {@link VectorScan} where it loads. */
    static float scanDot(float[] q, float[] v, int vo, int dim) {
        return io.marketgraph.linkpred.VectorApi.AVAILABLE ? VectorScan.dot(q, v, vo, dim) : dot(q, 0, v, vo, dim);
    }

    /** Four accumulators: C2 does not vectorize a float reduction, but it pipelines independent ones. */
    static float dot(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            s0 += a[ao + d] * b[bo + d];
            s1 += a[ao + d + 1] * b[bo + d + 1];
            s2 += a[ao + d + 2] * b[bo + d + 2];
            s3 += a[ao + d + 3] * b[bo + d + 3];
        }
        for (; d < dim; d++) {
            s0 += a[ao + d] * b[bo + d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void normalizeInto(float[] src, int so, float[] dst, int dOff, int dim) {
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            norm += src[so + d] * src[so + d];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            dst[dOff + d] = src[so + d] * inv;
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
