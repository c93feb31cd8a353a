package io.marketgraph.api.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.model.NodeKind;
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

    private static float[] unit(SplittableRandom random, int dim) {
        double[] v = new double[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = random.nextGaussian();
        }
        return LiveState.unit(v);
    }

    private static LivePost post(String id, float[] vector, int region) {
        return new LivePost(id, NodeKind.USER, "s", region, 0, 0, vector, "seller", null);
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    @Test
    void search_is_exact_filtered_and_sees_the_latest_vector_of_a_replaced_post() {
        SplittableRandom random = new SplittableRandom(3);
        int dim = 8;
        LiveIndex index = new LiveIndex(dim);
        List<LivePost> posts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {   // more than two chunks
            LivePost p = post("p" + i, unit(random, dim), i % 3);
            posts.add(p);
            index.put(p);
        }
        float[] q = unit(random, dim);
        List<String> expected = posts.stream().filter(p -> p.region() == 1)
                .sorted(Comparator.comparingDouble((LivePost p) -> -dot(q, p.vector())).thenComparing(LivePost::id))
                .limit(20).map(LivePost::id).toList();
        assertEquals(expected, index.search(q, 20, p -> p.region() == 1).stream().map(s -> s.post().id()).toList());

        LivePost moved = post(expected.get(0), unit(random, dim), 2);
        index.put(moved);
        List<LiveIndex.Scored> after = index.search(q, 20, p -> p.region() == 1);
        assertTrue(after.stream().noneMatch(s -> s.post().id().equals(moved.id())), "the old slot is skipped");
        assertEquals(10_000, index.liveCount());
        index.remove("p1");
        assertTrue(index.search(posts.get(1).vector(), 1, p -> true).stream().noneMatch(s -> s.post().id().equals("p1")));
    }

    @Test
    void searches_run_while_a_writer_inserts_and_always_see_complete_slots() throws Exception {
        int dim = 16;
        LiveIndex index = new LiveIndex(dim);
        SplittableRandom random = new SplittableRandom(7);
        float[] q = unit(random, dim);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            results.add(readers.submit(() -> {
                int searches = 0;
                while (writing.get()) {
                    for (LiveIndex.Scored s : index.search(q, 10, p -> true)) {
                        // a slot seen must hold its post's full vector: the score is the dot with that vector
                        assertEquals(dot(q, s.post().vector()), s.score(), 1e-5f);
                    }
                    searches++;
                }
                return searches;
            }));
        }
        for (int i = 0; i < 20_000; i++) {
            index.put(post("p" + i, unit(random, dim), 0));
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
