package io.marketgraph.embeddings.skipgram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.TestGraphs;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkCounter;
import io.marketgraph.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class SkipGramTrainerTest {

    private static final WalkConfig WALKS = new WalkConfig(20, 20, 1, 1, 3L);
    private static final SkipGramConfig SG = new SkipGramConfig(16, 5, 5, 2, 0.025f, 1e-3, 1, 3L);

    @Test
    void one_thread_and_same_seed_give_bit_identical_vectors() {
        CsrGraph g = TestGraphs.twoCliques();
        float[] a = Node2Vec.embed(g, WALKS, SG, ProgressTracker.NOOP).vectors();
        float[] b = Node2Vec.embed(g, WALKS, SG, ProgressTracker.NOOP).vectors();
        assertArrayEquals(a, b);
        float[] c = Node2Vec.embed(g, WALKS, SG.withSeed(4L), ProgressTracker.NOOP).vectors();
        assertTrue(!java.util.Arrays.equals(a, c), "another seed gives other vectors");
    }

    @Test
    void nodes_of_one_clique_end_closer_than_nodes_of_different_cliques() {
        CsrGraph g = TestGraphs.twoCliques();
        // 16 nodes: every node is "frequent", so sub-sampling is off here
        SkipGramConfig config = new SkipGramConfig(16, 5, 5, 2, 0.025f, 0, 2, 3L);
        Node2Vec.Result r = Node2Vec.embed(g, WALKS, config, ProgressTracker.NOOP);
        double within = 0;
        double across = 0;
        for (int i = 0; i < 7; i++) {
            within += cosine(r.vectors(), 16, i, (i + 1) % 7) + cosine(r.vectors(), 16, 8 + i, 8 + (i + 1) % 7);
            across += 2 * cosine(r.vectors(), 16, i, 9 + i % 7);
        }
        assertTrue(within / 14 > across / 14 + 0.3, "within " + within / 14 + " across " + across / 14);
        assertEquals(20L * 20 * 16 * 2, r.tokens());
    }

    @Test
    void vector_and_scalar_kernels_agree() {
        float[] a = new float[37];
        float[] b = new float[37];
        for (int i = 0; i < 37; i++) {
            a[i] = (i % 5) * 0.25f - 0.5f;
            b[i] = (i % 3) * 0.5f - 0.25f;
        }
        float expected = ScalarKernels.INSTANCE.dot(a, 0, b, 0, 37);
        assertEquals(expected, Kernels.best().dot(a, 0, b, 0, 37), 1e-5);
        // one input row against the three rows of a 3 x 37 target matrix, taken out of order
        float[] out = new float[3 * 37];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i % 7) * 0.125f - 0.375f;
        }
        int[] rows = {0, 2 * 37, 37};
        float[] g = {0.5f, -0.25f, 0.125f};
        // four rows: one group of three and one single row in the vector kernel
        int[] dotRows = {37, 0, 2 * 37, 37};
        float[] dotsS = new float[4];
        float[] dotsV = new float[4];
        ScalarKernels.INSTANCE.dots(a, 0, out, dotRows, 4, dotsS, 37);
        Kernels.best().dots(a, 0, out, dotRows, 4, dotsV, 37);
        assertArrayEquals(dotsS, dotsV, 1e-5f);
        assertEquals(ScalarKernels.INSTANCE.dot(a, 0, out, 37, 37), dotsS[0]);
        float[] inS = a.clone();
        float[] inV = a.clone();
        float[] outS = out.clone();
        float[] outV = out.clone();
        ScalarKernels.INSTANCE.update(inS, 0, outS, rows, g, 3, 37);
        Kernels.best().update(inV, 0, outV, rows, g, 3, 37);
        assertArrayEquals(inS, inV, 1e-6f);
        assertArrayEquals(outS, outV, 1e-6f);
        // against word2vec's definition: out_j += g_j * in, in += sum_j g_j * out_j (before update)
        for (int k = 0; k < 37; k++) {
            float e = 0f;
            for (int j = 0; j < 3; j++) {
                e += g[j] * out[rows[j] + k];
                assertEquals(out[rows[j] + k] + g[j] * a[k], outS[rows[j] + k], 1e-6f);
            }
            assertEquals(a[k] + e, inS[k], 1e-6f);
        }
    }

    @Test
    void keep_probability_follows_word2vec() {
        WalkCounter.Counts counts = new WalkCounter.Counts(new long[] {1, 999, 0}, 1000, 10);
        float[] keep = SkipGramTrainer.keepProbabilities(counts, 1e-3);
        assertEquals(1f, keep[0]);
        // (sqrt(999 / 1) + 1) * 1 / 999
        assertEquals((float) ((Math.sqrt(999) + 1) / 999), keep[1]);
        assertEquals(1f, keep[2]);
    }

    private static double cosine(float[] v, int dim, int a, int b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < dim; k++) {
            dot += v[a * dim + k] * v[b * dim + k];
            na += v[a * dim + k] * v[a * dim + k];
            nb += v[b * dim + k] * v[b * dim + k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
