package io.marketgraph.personalize.features;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.Cosine;
import io.marketgraph.linkpred.features.InteractionShares;
import io.marketgraph.model.NodeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Features of each (user, query, candidate) of one search, the same in training, evaluation and
 * serving:
 * <ul>
 *   <li>the engine's view: base score, base score scaled to [0, 1] within the list, log(1 + rank);</li>
 *   <li>the graph's view of the user: user-post cosine, the user's share of engagement on the
 *       post's category and region, whether the user interacted with the post's seller;</li>
 *   <li>place: whether the post is in the user's home region, and the distance between the two
 *       regions (log1p; 0 when unknown);</li>
 *   <li>the post: popularity (log1p total interaction weight) and freshness (log1p age in days).</li>
 * </ul>
 * Unknown users or posts get zeros for what needs them. Thread-safe.
 */
public final class RerankFeaturizer {

    public static final List<String> NAMES = List.of("base_score", "base_score_norm", "base_rank_log", "cosine",
            "category_affinity", "region_affinity", "seller_affinity", "popularity", "age_days_log", "same_region",
            "region_distance");

    private static final double DAY_MS = 86_400_000.0;

    private final CsrGraph graph;
    private final EmbeddingStore embeddings;
    private final NodeTable nodes;
    private final PostFacts facts;
    private final RegionCoordinates regions;
    private final Map<NodeKind, Map<String, Integer>> index = new HashMap<>();
    private final double[] strength;

    public RerankFeaturizer(CsrGraph graph, EmbeddingStore embeddings, PostFacts facts, RegionCoordinates regions) {
        this.regions = regions;
        this.graph = graph;
        this.embeddings = embeddings;
        this.nodes = embeddings.nodes();
        this.facts = facts;
        for (NodeKind kind : NodeKind.values()) {
            index.put(kind, new HashMap<>());
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.kind(n) != null) {
                index.get(nodes.kind(n)).put(nodes.id(n), n);
            }
        }
        strength = new double[nodes.size()];
        float[] w = graph.weights();
        for (int n = 0; n < nodes.size(); n++) {
            for (int i = graph.offsets()[n]; i < graph.offsets()[n + 1]; i++) {
                strength[n] += w == null ? 1 : w[i];
            }
        }
    }

    /** The user's node, or -1 when the model does not know it. */
    public int user(String userId) {
        return index.get(NodeKind.USER).getOrDefault(userId, -1);
    }

    /** Interactions of a user in the training graph (0 for unknown users): the cold-start policy reads it. */
    public int interactions(int user) {
        return user < 0 ? 0 : graph.degree(user);
    }

    /** Row-major features of {@code postIds} (in shown order) for one search by {@code user} at {@code ts}. */
    public float[] features(int user, long ts, List<String> postIds, double[] baseScores) {
        int cols = NAMES.size();
        float[] out = new float[postIds.size() * cols];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double b : baseScores) {
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        InteractionShares shares = user >= 0 ? InteractionShares.of(graph, nodes, user) : null;
        int dim = embeddings.dim();
        for (int i = 0; i < postIds.size(); i++) {
            int o = i * cols;
            int post = index.get(NodeKind.POST).getOrDefault(postIds.get(i), -1);
            out[o] = (float) baseScores[i];
            out[o + 1] = (float) (max > min ? (baseScores[i] - min) / (max - min) : 1);
            out[o + 2] = (float) Math.log1p(i);
            if (user >= 0 && post >= 0) {
                out[o + 3] = (float) Cosine.of(embeddings.vectors(), user * dim, embeddings.vectors(), post * dim, dim);
                out[o + 4] = (float) shares.category(nodes.category(post));
                out[o + 5] = (float) shares.region(nodes.region(post));
            }
            PostFacts.Fact fact = facts.get(postIds.get(i));
            if (user >= 0 && fact != null) {
                int seller = sellerNode(fact);
                out[o + 6] = seller >= 0 && graph.hasEdge(user, seller) ? 1f : 0f;
            }
            out[o + 7] = post >= 0 ? (float) Math.log1p(strength[post]) : 0f;
            out[o + 8] = fact != null ? (float) Math.log1p(Math.max(0, ts - fact.createdAt()) / DAY_MS) : 0f;
            if (user >= 0 && post >= 0 && nodes.region(user) >= 0) {
                out[o + 9] = nodes.region(user) == nodes.region(post) ? 1f : 0f;
                double d = regions.distance(nodes.region(user), nodes.region(post));
                out[o + 10] = Double.isNaN(d) ? 0f : (float) Math.log1p(d);
            }
        }
        return out;
    }

    private int sellerNode(PostFacts.Fact fact) {
        for (NodeKind kind : NodeKind.values()) {
            if (kind.name().equals(fact.sellerKind())) {
                return index.get(kind).getOrDefault(fact.sellerId(), -1);
            }
        }
        return -1;
    }

}
