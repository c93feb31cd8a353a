package io.marketgraph.linkpred.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LiveIndexTest {

    /** What the index stands for in the test: an id, a vector, a region to filter on. */
    private record Post(String id, float[] vector, int region) {}

    private static float[] unit(SplittableRandom random, int dim) {
        double[] v = new double[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] = random.nextGaussian();
            norm += v[d] * v[d];
        }
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (v[d] / Math.sqrt(norm));
        }
        return out;
    }

    private static Post post(String id, float[] vector, int region) {
        return new Post(id, vector, region);
    }

    private static void put(LiveIndex<Post> index, Post p) {
        index.put(p.id(), p.vector(), p, p.region());
    }

    /** The score the index gives (its scan's dot product, whose rounding the expected orders must share). */
    private static float dot(float[] a, float[] b) {
        return IvfIndex.scanDot(a, b, 0, a.length);
    }

    @Test
    void search_is_exact_filtered_by_item_or_tag_and_sees_the_latest_vector_of_a_replaced_post() {
        SplittableRandom random = new SplittableRandom(3);
        int dim = 8;
        LiveIndex<Post> index = new LiveIndex<>(dim);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {   // more than two chunks
            Post p = post("p" + i, unit(random, dim), i % 3);
            posts.add(p);
            put(index, p);
        }
        float[] q = unit(random, dim);
        List<String> expected = posts.stream().filter(p -> p.region() == 1)
                .sorted(Comparator.comparingDouble((Post p) -> -dot(q, p.vector())).thenComparing(Post::id))
                .limit(20).map(Post::id).toList();
        assertEquals(expected, index.search(q, 20, p -> p.region() == 1).stream().map(LiveIndex.Scored::id).toList());
        assertEquals(expected, index.search(q, 20, region -> region == 1, p -> true).stream().map(LiveIndex.Scored::id).toList(),
                "the region as the slots' tag");

        Post moved = post(expected.get(0), unit(random, dim), 2);
        put(index, moved);
        List<LiveIndex.Scored<Post>> after = index.search(q, 20, p -> p.region() == 1);
        assertTrue(after.stream().noneMatch(s -> s.id().equals(moved.id())), "the old slot is skipped");
        assertTrue(index.search(q, 20, region -> region == 1, p -> true).stream().noneMatch(s -> s.id().equals(moved.id())),
                "the old slot's tag is not the post's any more");
        assertTrue(index.search(moved.vector(), 1, region -> region == 2, p -> true).get(0).id().equals(moved.id()),
                "the new slot carries the new tag");
        assertEquals(10_000, index.liveCount());
        index.remove("p1");
        assertTrue(index.search(posts.get(1).vector(), 1, p -> true).stream().noneMatch(s -> s.id().equals("p1")));
    }

    /** A catalogue index over clustered vectors, whose cells partition the live posts. */
    private static IvfIndex catalogue(SplittableRandom random, int dim, int n, int cells) {
        float[] source = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(unit(random, dim), 0, source, i * dim, dim);
        }
        return IvfIndex.build(source, dim, java.util.stream.IntStream.range(0, n).toArray(), cells, 11);
    }

    @Test
    void a_partitioned_index_searches_the_live_posts_filed_under_the_cells_the_catalogue_probes() {
        SplittableRandom random = new SplittableRandom(5);
        int dim = 8;
        IvfIndex catalogue = catalogue(random, dim, 4_000, 16);
        LiveIndex<Post> partitioned = new LiveIndex<>(catalogue, 3, 0);
        LiveIndex<Post> all = new LiveIndex<>(catalogue, 16, 0);
        LiveIndex<Post> smallIsExact = new LiveIndex<>(catalogue, 3, 6_000);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            Post p = post("p" + i, unit(random, dim), i % 3);
            posts.add(p);
            put(partitioned, p);
            put(all, p);
            put(smallIsExact, p);
        }
        for (int query = 0; query < 20; query++) {
            float[] q = unit(random, dim);
            java.util.Set<Integer> probed = new java.util.HashSet<>();
            for (int c : catalogue.probe(q, 3)) {
                probed.add(c);
            }
            assertEquals(3, probed.size());
            List<String> expected = posts.stream().filter(p -> p.region() == 1 && probed.contains(catalogue.cellOf(p.vector())))
                    .sorted(Comparator.comparingDouble((Post p) -> -IvfIndex.scanDot(q, p.vector(), 0, dim)).thenComparing(Post::id))
                    .limit(20).map(Post::id).toList();
            assertEquals(expected, partitioned.search(q, 20, p -> p.region() == 1).stream().map(LiveIndex.Scored::id).toList());
            // probing every cell is the exact search
            List<String> exact = posts.stream().filter(p -> p.region() == 1)
                    .sorted(Comparator.comparingDouble((Post p) -> -IvfIndex.scanDot(q, p.vector(), 0, dim)).thenComparing(Post::id))
                    .limit(20).map(Post::id).toList();
            assertEquals(exact, all.search(q, 20, p -> p.region() == 1).stream().map(LiveIndex.Scored::id).toList());
            // up to exactUpTo slots every slot is scored
            assertEquals(exact, smallIsExact.search(q, 20, p -> p.region() == 1).stream().map(LiveIndex.Scored::id).toList());
        }
    }

    @Test
    void searches_run_while_a_writer_inserts_and_always_see_complete_slots() throws Exception {
        concurrentInsertsAndSearches(new LiveIndex<>(16), new SplittableRandom(7));
    }

    @Test
    void partitioned_searches_run_while_a_writer_inserts_and_always_see_complete_slots() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        concurrentInsertsAndSearches(new LiveIndex<>(catalogue(random, 16, 2_000, 8), 8, 0), random);
    }

    private static void concurrentInsertsAndSearches(LiveIndex<Post> index, SplittableRandom random) throws Exception {
        int dim = index.dim();
        float[] q = unit(random, dim);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            results.add(readers.submit(() -> {
                int searches = 0;
                while (writing.get()) {
                    for (LiveIndex.Scored<Post> s : index.search(q, 10, p -> true)) {
                        // a slot seen must hold its post's full vector: the score is the dot with that vector
                        assertEquals(dot(q, s.item().vector()), s.score(), 1e-5f);
                    }
                    searches++;
                }
                return searches;
            }));
        }
        for (int i = 0; i < 20_000; i++) {
            put(index, post("p" + i, unit(random, dim), 0));
        }
        writing.set(false);
        readers.shutdown();
        assertTrue(readers.awaitTermination(30, TimeUnit.SECONDS));
        for (Future<Integer> f : results) {
            assertTrue(f.get() > 0);
        }
        assertEquals(20_000, index.liveCount());
    }
}
