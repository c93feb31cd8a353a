package io.marketgraph.api.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The live part of the ANN index: the vectors of posts listed since the graph was built, searched
 * exactly (every vector scored) and merged with the version's IVF results by the services.
 *
 * <p>One writer at a time (the ingest lock), any number of readers, no lock on the read path: vectors
 * are appended to fixed-size chunks, and a reader sees the slots below the {@code size} it read (a
 * volatile write after the slot is filled publishes it). Replacing a post's vector appends a new slot
 * and points the post's id at it; the old slot is skipped from then on. Deletes are not done here:
 * a post that is not ACTIVE is filtered by its status at search time, so that a status change takes
 * effect with one map write.
 *
 * <p>Cost: a search is {@code size * dim} multiply-adds (see api/README.md for measured rates); the
 * index holds one day's listings, which the nightly build then moves into the IVF index.
 */
public final class LiveIndex {

    private static final int CHUNK = 4096;

    /** A post and its cosine with the query. */
    public record Scored(LivePost post, float score) {}

    private final int dim;
    private final ConcurrentHashMap<String, Integer> slotOf = new ConcurrentHashMap<>();
    private volatile float[][] vectors = new float[0][];
    private volatile LivePost[][] posts = new LivePost[0][];
    private volatile int size;

    public LiveIndex(int dim) {
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    /** Posts searchable now (each id once). */
    public int liveCount() {
        return slotOf.size();
    }

    /** Adds or replaces {@code post}'s vector (unit length, {@code dim} floats). Callers serialize writes. */
    public void put(LivePost post) {
        if (post.vector().length != dim) {
            throw new IllegalArgumentException("vector of post " + post.id() + " has " + post.vector().length
                    + " dimensions, the index " + dim);
        }
        int slot = size;
        int chunk = slot / CHUNK;
        if (chunk == vectors.length) {
            float[][] v = Arrays.copyOf(vectors, chunk + 1);
            v[chunk] = new float[CHUNK * dim];
            LivePost[][] p = Arrays.copyOf(posts, chunk + 1);
            p[chunk] = new LivePost[CHUNK];
            vectors = v;
            posts = p;
        }
        System.arraycopy(post.vector(), 0, vectors[chunk], (slot % CHUNK) * dim, dim);
        posts[chunk][slot % CHUNK] = post;
        slotOf.put(post.id(), slot);
        size = slot + 1;   // publishes the slot
    }

    /** Takes {@code id} out of the index (its post lost its vector). */
    public void remove(String id) {
        slotOf.remove(id);
    }

    /** The {@code k} posts most similar to {@code unitQuery} among those {@code accept} passes, best first. */
    public List<Scored> search(float[] unitQuery, int k, Predicate<LivePost> accept) {
        int n = size;
        float[][] v = vectors;
        LivePost[][] p = posts;
        List<Scored> top = new ArrayList<>();
        float worst = Float.NEGATIVE_INFINITY;
        for (int slot = 0; slot < n; slot++) {
            float[] chunk = v[slot / CHUNK];
            int at = (slot % CHUNK) * dim;
            float s = 0;
            for (int d = 0; d < dim; d++) {
                s += unitQuery[d] * chunk[at + d];
            }
            if (top.size() == k && s <= worst) {
                continue;
            }
            LivePost post = p[slot / CHUNK][slot % CHUNK];
            Integer current = slotOf.get(post.id());
            if (current == null || current != slot || !accept.test(post)) {
                continue;
            }
            top.add(new Scored(post, s));
            top.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : a.post().id().compareTo(b.post().id()));
            if (top.size() > k) {
                top.remove(k);
            }
            worst = top.size() == k ? top.get(k - 1).score() : Float.NEGATIVE_INFINITY;
        }
        return top;
    }
}
