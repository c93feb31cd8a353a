package io.marketgraph.linkpred.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A vector index that takes inserts while it serves: the live part beside a version's {@link IvfIndex},
 * holding the items added since that index was built.
 *
 * <p>One writer at a time (callers serialize {@link #put}/{@link #remove}), any number of readers, no
 * lock on the read path: vectors are appended to fixed-size chunks, and a reader sees the slots below
 * the {@code size} it read (a volatile write after a slot is filled publishes it). Replacing an item's
 * vector appends a new slot and points the item's id at it; the old slot is skipped from then on.
 * Filters (and deletes expressed as filters, such as a status) are a predicate tested on the items
 * that would enter the top K. Each slot also keeps an int tag (a region), which a search can test first,
 * before the dot product, as {@link IvfIndex#tagged} does: a one-region request skips the other regions'
 * live items at the cost of an array read each.
 *
 * <p>Exact ({@link #LiveIndex(int)}): a search scores every slot, {@code size * dim} multiply-adds.
 * Partitioned by a catalogue's cells ({@link #LiveIndex(IvfIndex, int, int)}): an insert files the slot
 * under the catalogue's nearest centroid (IVF's add, no retraining); a search stays exact up to
 * {@code exactUpTo} slots and then scans the slots of the {@code nprobe} cells nearest the query, the
 * cells the catalogue's own search scans, with the catalogue's recall: its cost is the probed cells'
 * share of the live items, so it stays small while a day's listings pile up (benchmarks/RESULTS.md:
 * "Live post index", and the 1M-post e2e runs).
 *
 * @param <T> what an id stands for (the caller's record of the item)
 */
public final class LiveIndex<T> {

    private static final int CHUNK = 4096;

    /** An item and its cosine with the query. */
    public record Scored<T>(String id, T item, float score) {}

    /** The slots filed under one cell: written by the one writer, read without a lock (size first, then slots). */
    private static final class Cell {
        private volatile int[] slots = new int[4];
        private volatile int size;

        void add(int slot) {
            int n = size;
            int[] s = slots;
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                s[n] = slot;
                slots = s;
            } else {
                s[n] = slot;
            }
            size = n + 1; // publishes the slot (and a grown array, written before)
        }
    }

    private final int dim;
    private final IvfIndex partition;   // null: exact
    private final Cell[] cells;
    private final int nprobe;
    private final int exactUpTo;
    private final ConcurrentHashMap<String, Integer> slotOf = new ConcurrentHashMap<>();
    private volatile float[][] vectors = new float[0][];
    private volatile String[][] ids = new String[0][];
    private volatile Object[][] items = new Object[0][];
    private volatile int[][] tags = new int[0][];
    private volatile int size;

    /** An exact index: every search scores every slot. */
    public LiveIndex(int dim) {
        this.dim = dim;
        this.partition = null;
        this.cells = new Cell[0];
        this.nprobe = 0;
        this.exactUpTo = Integer.MAX_VALUE;
    }

    /**
     * An index partitioned by the cells of {@code catalogue} (exact when it has none): a search scores every
     * slot while there are at most {@code exactUpTo}, else scans the {@code nprobe} cells nearest its query.
     */
    public LiveIndex(IvfIndex catalogue, int nprobe, int exactUpTo) {
        if (nprobe < 1 || exactUpTo < 0) {
            throw new IllegalArgumentException("need nprobe >= 1 and exactUpTo >= 0, got " + nprobe + ", " + exactUpTo);
        }
        this.exactUpTo = exactUpTo;
        this.dim = catalogue.dim();
        this.partition = catalogue.cells() > 0 && catalogue.size() > 0 ? catalogue : null;
        this.cells = new Cell[partition == null ? 0 : catalogue.cells()];
        Arrays.setAll(cells, c -> new Cell());
        this.nprobe = nprobe;
    }

    public int dim() {
        return dim;
    }

    /** Items searchable now (each id once). */
    public int liveCount() {
        return slotOf.size();
    }

    /** Slots written, replaced ones included (what the memory and a search's cost grow with). */
    public int slots() {
        return size;
    }

    /** Adds or replaces the vector of {@code id} ({@code dim} floats, unit length for cosine), tag 0. Callers serialize writes. */
    public void put(String id, float[] vector, T item) {
        put(id, vector, item, 0);
    }

    /** {@link #put(String, float[], Object)} with the tag a search's tag test reads. */
    public void put(String id, float[] vector, T item, int tag) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector of " + id + " has " + vector.length + " dimensions, the index " + dim);
        }
        int slot = size;
        int chunk = slot / CHUNK;
        if (chunk == vectors.length) {
            float[][] v = Arrays.copyOf(vectors, chunk + 1);
            v[chunk] = new float[CHUNK * dim];
            String[][] d = Arrays.copyOf(ids, chunk + 1);
            d[chunk] = new String[CHUNK];
            Object[][] p = Arrays.copyOf(items, chunk + 1);
            p[chunk] = new Object[CHUNK];
            int[][] t = Arrays.copyOf(tags, chunk + 1);
            t[chunk] = new int[CHUNK];
            vectors = v;
            ids = d;
            items = p;
            tags = t;
        }
        System.arraycopy(vector, 0, vectors[chunk], (slot % CHUNK) * dim, dim);
        ids[chunk][slot % CHUNK] = id;
        items[chunk][slot % CHUNK] = item;
        tags[chunk][slot % CHUNK] = tag;
        slotOf.put(id, slot);
        size = slot + 1;   // publishes the slot
        if (partition != null) {
            cells[partition.cellOf(vector)].add(slot);
        }
    }

    /** Takes {@code id} out of the index. */
    public void remove(String id) {
        slotOf.remove(id);
    }

    /**
     * The {@code k} items most similar to {@code unitQuery} (by dot product) among those {@code accept} passes,
     * best first, ties by id: over every slot, or over the probed cells' slots of a partitioned index holding
     * more than its {@code exactUpTo}.
     */
    public List<Scored<T>> search(float[] unitQuery, int k, Predicate<T> accept) {
        return search(unitQuery, k, null, accept);
    }

    /** {@link #search(float[], int, Predicate)} over the slots whose tag passes {@code tag} (null: all), tested first. */
    public List<Scored<T>> search(float[] unitQuery, int k, IntPredicate tag, Predicate<T> accept) {
        Top<T> top = new Top<>(k);
        if (k <= 0) {
            return top.list;
        }
        int n = size;
        float[][] v = vectors;
        String[][] d = ids;
        Object[][] p = items;
        int[][] t = tags;
        if (partition == null || n <= exactUpTo) {
            for (int slot = 0; slot < n; slot++) {
                consider(slot, unitQuery, v, d, p, t, tag, accept, top);
            }
        } else {
            for (int c : partition.probe(unitQuery, nprobe)) {
                Cell cell = cells[c];
                int m = cell.size;       // size first: the slots array read next holds them
                int[] slots = cell.slots;
                for (int i = 0; i < m; i++) {
                    if (slots[i] < n) {  // filed after this search read size: not published to it yet
                        consider(slots[i], unitQuery, v, d, p, t, tag, accept, top);
                    }
                }
            }
        }
        return top.list;
    }

    /** The kept items, best first, ties by id; {@code worst} is the last one's score once there are {@code k}. */
    private static final class Top<T> {
        final int k;
        final List<Scored<T>> list;
        float worst = Float.NEGATIVE_INFINITY;

        Top(int k) {
            this.k = k;
            this.list = new ArrayList<>(Math.max(0, k) + 1);
        }
    }

    @SuppressWarnings("unchecked")
    private void consider(int slot, float[] unitQuery, float[][] v, String[][] d, Object[][] p, int[][] t, IntPredicate tag,
                          Predicate<T> accept, Top<T> top) {
        if (tag != null && !tag.test(t[slot / CHUNK][slot % CHUNK])) {   // before the dot product
            return;
        }
        float s = IvfIndex.scanDot(unitQuery, v[slot / CHUNK], (slot % CHUNK) * dim, dim);
        if (top.list.size() == top.k && s <= top.worst) {
            return;
        }
        String id = d[slot / CHUNK][slot % CHUNK];
        T item = (T) p[slot / CHUNK][slot % CHUNK];
        Integer current = slotOf.get(id);
        if (current == null || current != slot || !accept.test(item)) {
            return;
        }
        List<Scored<T>> list = top.list;
        list.add(new Scored<>(id, item, s));
        list.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
        if (list.size() > top.k) {
            list.remove(top.k);
        }
        top.worst = list.size() == top.k ? list.get(top.k - 1).score() : Float.NEGATIVE_INFINITY;
    }
}
