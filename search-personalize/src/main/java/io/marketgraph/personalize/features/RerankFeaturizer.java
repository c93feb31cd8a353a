package io.marketgraph.personalize.features;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.NormedVectors;
import io.marketgraph.model.NodeKind;
import java.util.EnumMap;
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
 *
 * <p>This is the serving hot path (200 candidates per request), so everything that does not depend
 * on the request is computed once here: one id lookup per candidate gives its node, listing time
 * and seller node; squared vector norms ({@link NormedVectors}) and popularity are per-node arrays; the user's category
 * and region shares are dense arrays built once per call; region distances are a table. The values
 * are those of the straightforward definition ({@code RerankFeaturizerTest} compares them): exactly,
 * except the cosine, whose dot product is summed in four lanes ({@link NormedVectors#cosine}).
 */
public final class RerankFeaturizer {

    public static final List<String> NAMES = List.of("base_score", "base_score_norm", "base_rank_log", "cosine",
            "category_affinity", "region_affinity", "seller_affinity", "popularity", "age_days_log", "same_region",
            "region_distance");

    private static final int COLS = NAMES.size();
    /** The column of the user-post cosine in a row of {@link #features}. */
    public static final int COSINE = NAMES.indexOf("cosine");
    private static final double DAY_MS = 86_400_000.0;
    private static final int MAX_TABLE_REGIONS = 1024;
    private static final float[] RANK_LOG = new float[512];
    /** Users with up to this many neighbours get a {@link NeighbourSet} per call; beyond, binary search. */
    private static final int MAX_SET_DEGREE = 4096;

    static {
        for (int i = 0; i < RANK_LOG.length; i++) {
            RANK_LOG[i] = (float) Math.log1p(i);
        }
    }

    /** What one candidate id resolves to: its node (-1: not in the model), its fact (listing time, seller node). */
    private record Post(int node, boolean hasFact, long createdAt, int seller) {}

    private final CsrGraph graph;
    private final NodeTable nodes;
    private final NormedVectors normed;
    private final RegionCoordinates regions;
    private final Map<String, Integer> users;
    private final Map<String, Post> posts = new HashMap<>();
    private final float[] popularity;
    private final int categories;
    private final int regionCount;
    /** log1p(distance) for every pair of regions the nodes use, when there are at most {@value #MAX_TABLE_REGIONS}. */
    private final float[] distanceTable;

    public RerankFeaturizer(CsrGraph graph, EmbeddingStore embeddings, PostFacts facts, RegionCoordinates regions) {
        this(graph, embeddings, new NormedVectors(embeddings), facts, regions);
    }

    /** With the norms of {@code embeddings} already computed ({@code normed}), as the serving model shares them. */
    public RerankFeaturizer(CsrGraph graph, EmbeddingStore embeddings, NormedVectors normed, PostFacts facts,
                            RegionCoordinates regions) {
        this.regions = regions;
        this.graph = graph;
        this.nodes = embeddings.nodes();
        this.normed = normed;
        Map<NodeKind, Map<String, Integer>> index = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            index.put(kind, new HashMap<>());
        }
        int maxCategory = -1;
        int maxRegion = -1;
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.kind(n) != null) {
                index.get(nodes.kind(n)).put(nodes.id(n), n);
            }
            maxCategory = Math.max(maxCategory, nodes.category(n));
            maxRegion = Math.max(maxRegion, nodes.region(n));
        }
        this.categories = maxCategory + 1;
        this.regionCount = maxRegion + 1;
        this.users = index.get(NodeKind.USER);
        Map<String, Integer> postNodes = index.get(NodeKind.POST);
        postNodes.forEach((id, node) -> posts.put(id, new Post(node, false, 0, -1)));
        facts.forEach((id, fact) -> posts.put(id, new Post(postNodes.getOrDefault(id, -1), true, fact.createdAt(),
                sellerNode(index, fact))));
        distanceTable = regionCount <= MAX_TABLE_REGIONS ? new float[regionCount * regionCount] : null;
        for (int a = 0; distanceTable != null && a < regionCount; a++) {
            for (int b = 0; b < regionCount; b++) {
                double d = regions.distance(a, b);
                distanceTable[a * regionCount + b] = Double.isNaN(d) ? 0f : (float) Math.log1p(d);
            }
        }
        popularity = new float[nodes.size()];
        float[] w = graph.weights();
        for (int n = 0; n < nodes.size(); n++) {
            double strength = 0;
            for (int i = graph.offsets()[n]; i < graph.offsets()[n + 1]; i++) {
                strength += w == null ? 1 : w[i];
            }
            popularity[n] = (float) Math.log1p(strength);
        }
    }

    /** The user's node, or -1 when the model does not know it. */
    public int user(String userId) {
        return users.getOrDefault(userId, -1);
    }

    /** Interactions of a user in the training graph (0 for unknown users): the cold-start policy reads it. */
    public int interactions(int user) {
        return user < 0 ? 0 : graph.degree(user);
    }

    /** Row-major features of {@code postIds} (in shown order) for one search by {@code user} at {@code ts}. */
    public float[] features(int user, long ts, List<String> postIds, double[] baseScores) {
        return features(user, ts, postIds, baseScores, null);
    }

    /**
     * The same, and {@code postNodes[i]} (when not null) is the model's node of {@code postIds.get(i)},
     * or -1 for a post the model does not know: the re-rank service places those by their base rank.
     */
    public float[] features(int user, long ts, List<String> postIds, double[] baseScores, int[] postNodes) {
        int n = postIds.size();
        float[] out = new float[n * COLS];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, baseScores[i]);
            max = Math.max(max, baseScores[i]);
        }
        double[] categoryShare = user >= 0 ? new double[categories] : null;
        double[] regionShare = user >= 0 ? new double[regionCount] : null;
        if (user >= 0) {
            shares(user, categoryShare, regionShare);
        }
        int userRegion = user >= 0 ? nodes.region(user) : -1;
        NeighbourSet neighbours = user >= 0 && graph.degree(user) <= MAX_SET_DEGREE
                ? new NeighbourSet(graph.neighbours(), graph.offsets()[user], graph.offsets()[user + 1]) : null;
        // the id lookups first, in a loop of their own: they are independent of each other, so the
        // processor overlaps their cache misses (map node, key, Post), which the feature loop serialized
        Post[] resolved = new Post[n];
        for (int i = 0; i < n; i++) {
            resolved[i] = posts.get(postIds.get(i));
        }
        for (int i = 0; i < n; i++) {
            int o = i * COLS;
            Post post = resolved[i];
            int p = post == null ? -1 : post.node();
            if (postNodes != null) {
                postNodes[i] = p;
            }
            out[o] = (float) baseScores[i];
            out[o + 1] = (float) (max > min ? (baseScores[i] - min) / (max - min) : 1);
            out[o + 2] = i < RANK_LOG.length ? RANK_LOG[i] : (float) Math.log1p(i);
            if (user >= 0 && p >= 0) {
                out[o + 3] = (float) normed.cosine(user, p);
                out[o + 4] = (float) share(categoryShare, nodes.category(p));
                out[o + 5] = (float) share(regionShare, nodes.region(p));
            }
            boolean fact = post != null && post.hasFact();
            if (user >= 0 && fact) {
                int seller = post.seller();
                out[o + 6] = seller >= 0 && (neighbours != null ? neighbours.contains(seller) : graph.hasEdge(user, seller)) ? 1f : 0f;
            }
            out[o + 7] = p >= 0 ? popularity[p] : 0f;
            out[o + 8] = fact ? FloatLog1p.of(Math.max(0, ts - post.createdAt()) / DAY_MS) : 0f;
            if (user >= 0 && p >= 0 && userRegion >= 0) {
                int postRegion = nodes.region(p);
                out[o + 9] = userRegion == postRegion ? 1f : 0f;
                out[o + 10] = regionDistance(userRegion, postRegion);
            }
        }
        return out;
    }

    /** The user's share of interaction weight per category and per region of its neighbours. */
    private void shares(int user, double[] byCategory, double[] byRegion) {
        int[] adj = graph.neighbours();
        float[] w = graph.weights();
        double total = 0;
        for (int i = graph.offsets()[user]; i < graph.offsets()[user + 1]; i++) {
            double weight = w == null ? 1 : w[i];
            total += weight;
            int category = nodes.category(adj[i]);
            int region = nodes.region(adj[i]);
            if (category >= 0) {
                byCategory[category] += weight;
            }
            if (region >= 0) {
                byRegion[region] += weight;
            }
        }
        if (total > 0) {
            for (int c = 0; c < byCategory.length; c++) {
                byCategory[c] /= total;
            }
            for (int r = 0; r < byRegion.length; r++) {
                byRegion[r] /= total;
            }
        }
    }

    private static double share(double[] shares, int key) {
        return key < 0 || key >= shares.length ? 0 : shares[key];
    }

    /** log1p of the distance between the regions, 0 when either has no coordinates. */
    private float regionDistance(int userRegion, int postRegion) {
        if (distanceTable != null && postRegion >= 0) {
            return distanceTable[userRegion * regionCount + postRegion];
        }
        double d = regions.distance(userRegion, postRegion);
        return Double.isNaN(d) ? 0f : (float) Math.log1p(d);
    }

    private static int sellerNode(Map<NodeKind, Map<String, Integer>> index, PostFacts.Fact fact) {
        for (NodeKind kind : NodeKind.values()) {
            if (kind.name().equals(fact.sellerKind())) {
                return index.get(kind).getOrDefault(fact.sellerId(), -1);
            }
        }
        return -1;
    }
}
