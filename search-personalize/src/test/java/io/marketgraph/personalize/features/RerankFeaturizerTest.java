package io.marketgraph.personalize.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.Cosine;
import io.marketgraph.linkpred.features.InteractionShares;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.model.NodeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The featurizer's precomputed hot path against the straightforward definition of each feature
 * (below: maps per call, {@code Cosine.of}, {@code InteractionShares}, one fact lookup per post):
 * every value must be bit for bit the same (the cosine to 1e-6), for known and unknown users and posts.
 */
class RerankFeaturizerTest {

    @TempDir
    Path tmp;

    @Test
    void features_equal_the_straightforward_definition_exactly() throws IOException {
        RerankFixture f = new RerankFixture(tmp);
        long ts = 40 * 86_400_000L;
        int checked = 0;
        for (int u = -1; u < PlantedMarket.USERS; u++) {
            List<String> ids = RerankFixture.candidates(u + 1);
            double[] base = RerankFixture.baseScores(ids.size(), u);
            float[] expected = reference(f, u, ts, ids, base);
            float[] actual = f.featurizer.features(u, ts, ids, base);
            int cols = RerankFeaturizer.NAMES.size();
            for (int k = 0; k < expected.length; k++) {
                // the cosine's dot product is summed in four lanes: equal to float precision, every other value exactly
                assertEquals(expected[k], actual[k], k % cols == 3 ? 1e-6f : 0f, "user " + u + " row " + k / cols + " column " + k % cols);
            }
            checked += ids.size();
        }
        assertEquals(61 * 43, checked);
        // spot values: u4 lives in region 1 at (3, 4); p3 is in region 0 at (0, 0); fresh41 (listed 41 x 7 h
        // after 0) has a fact but no node; "nowhere" has neither
        float[] x = f.featurizer.features(f.featurizer.user("u4"), ts, List.of("p3", "fresh41", "nowhere"), new double[] {3, 2, 1});
        int cols = RerankFeaturizer.NAMES.size();
        assertEquals(0f, x[9], "same_region");
        assertEquals((float) Math.log1p(5), x[10], "region_distance");
        assertEquals((float) Math.log1p(40 - 41 * 7 / 24.0), x[cols + 8], 1e-6f, "age_days_log of fresh41");
        assertArrayEquals(new float[] {1f, 0f, (float) Math.log1p(2), 0, 0, 0, 0, 0, 0, 0, 0},
                java.util.Arrays.copyOfRange(x, 2 * cols, 3 * cols), "a post nobody knows");
    }

    /** The definition, written the obvious way (what the featurizer computed before it was made fast). */
    private static float[] reference(RerankFixture f, int user, long ts, List<String> postIds, double[] baseScores) {
        CsrGraph graph = f.graph;
        NodeTable nodes = f.embeddings.nodes();
        int cols = RerankFeaturizer.NAMES.size();
        float[] out = new float[postIds.size() * cols];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double b : baseScores) {
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        InteractionShares shares = user >= 0 ? InteractionShares.of(graph, nodes, user) : null;
        int dim = f.embeddings.dim();
        for (int i = 0; i < postIds.size(); i++) {
            int o = i * cols;
            int post = node(nodes, NodeKind.POST, postIds.get(i));
            out[o] = (float) baseScores[i];
            out[o + 1] = (float) (max > min ? (baseScores[i] - min) / (max - min) : 1);
            out[o + 2] = (float) Math.log1p(i);
            if (user >= 0 && post >= 0) {
                out[o + 3] = (float) Cosine.of(f.embeddings.vectors(), user * dim, f.embeddings.vectors(), post * dim, dim);
                out[o + 4] = (float) shares.category(nodes.category(post));
                out[o + 5] = (float) shares.region(nodes.region(post));
            }
            PostFacts.Fact fact = f.facts.get(postIds.get(i));
            if (user >= 0 && fact != null) {
                int seller = node(nodes, NodeKind.valueOf(fact.sellerKind()), fact.sellerId());
                out[o + 6] = seller >= 0 && graph.hasEdge(user, seller) ? 1f : 0f;
            }
            double strength = 0;
            if (post >= 0) {
                for (int e = graph.offsets()[post]; e < graph.offsets()[post + 1]; e++) {
                    strength += graph.weights() == null ? 1 : graph.weights()[e];
                }
            }
            out[o + 7] = post >= 0 ? (float) Math.log1p(strength) : 0f;
            out[o + 8] = fact != null ? (float) Math.log1p(Math.max(0, ts - fact.createdAt()) / 86_400_000.0) : 0f;
            if (user >= 0 && post >= 0 && nodes.region(user) >= 0) {
                out[o + 9] = nodes.region(user) == nodes.region(post) ? 1f : 0f;
                double d = f.regions.distance(nodes.region(user), nodes.region(post));
                out[o + 10] = Double.isNaN(d) ? 0f : (float) Math.log1p(d);
            }
        }
        return out;
    }

    private static int node(NodeTable nodes, NodeKind kind, String id) {
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.kind(n) == kind && nodes.id(n).equals(id)) {
                return n;
            }
        }
        return -1;
    }
}
