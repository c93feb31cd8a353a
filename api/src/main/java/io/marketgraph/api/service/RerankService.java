package io.marketgraph.api.service;

import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.model.NodeKind;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.model.RerankModel;
import io.marketgraph.personalize.model.ScoreOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Personalizes the search service's candidate list. Every candidate comes back exactly once.
 *
 * <p>When the serving version has a learned re-ranker (train-rerank), it orders the list
 * ({@code strategy: learned}); users with fewer interactions than its cold-start threshold keep the
 * base order ({@code reason: cold_start}). Without one, the score is a fixed blend:
 * {@code (1 - w) * base + w * affinity}, where {@code base} is the search engine's score min-max
 * scaled to [0, 1] within the list, {@code affinity} is the user-post cosine mapped to [0, 1]
 * ({@code (cos + 1) / 2}) and {@code w} = {@value #AFFINITY_WEIGHT}. Ties keep the search engine's
 * order. A user the model does not know (or who has no interactions) gets the base order back,
 * flagged {@code personalized: false}; so does a list in which the model knows no post
 * ({@code reason: no_known_candidates}).
 *
 * <p>A post the model does not know is placed by {@link UnknownCandidates}: by its base rank among
 * the known posts, never above a known post the engine ranked above it. {@code affinity} is filled
 * exactly when the answer is personalized and the model knows the post (both strategies); it is
 * null otherwise, which in a personalized answer marks the posts the model does not know.
 *
 * <p>The request path is a few hundred candidates, a few thousand times a second: candidates come
 * as parallel arrays, ids are looked up once, scores are plain Java and the order is a primitive sort.
 */
public final class RerankService {

    public static final int MAX_CANDIDATES = 500;
    public static final double AFFINITY_WEIGHT = 0.3;
    /** The strategy of the learned re-ranker: its scores are the model's float probabilities (exactly representable as float). */
    public static final String LEARNED = "learned";

    public record Ranked(String postId, double score, double baseScore, Double affinity, int baseRank) {}

    public record Result(String userId, boolean personalized, String reason, String strategy, String modelVersion,
                         List<Ranked> candidates) {}

    private final ModelManager models;

    public RerankService(ModelManager models) {
        this.models = models;
    }

    /**
     * Re-ranks {@code postIds} (in the search engine's order) with their {@code baseScores}.
     *
     * @throws ApiException 400 naming the candidate for an empty or oversized list, a missing id, a
     *                      score that is not finite or an id sent twice; 503 while no model is loaded
     */
    public Result rerank(String userId, String[] postIds, double[] baseScores) {
        int n = postIds.length;
        if (n == 0 || n > MAX_CANDIDATES) {
            throw ApiException.badRequest("candidates must hold 1.." + MAX_CANDIDATES + " entries, got " + n);
        }
        if (baseScores.length != n) {
            throw new IllegalArgumentException(n + " post ids but " + baseScores.length + " base scores");
        }
        String[] seen = new String[Integer.highestOneBit(4 * n - 1)];   // open addressing, at most half full
        for (int i = 0; i < n; i++) {
            String id = postIds[i];
            if (id == null || isBlank(id)) {
                throw ApiException.badRequest("candidates[" + i + "].postId is missing");
            }
            if (!Double.isFinite(baseScores[i])) {
                throw ApiException.badRequest("candidates[" + i + "].baseScore must be a finite number, got " + baseScores[i]);
            }
            if (!add(seen, id)) {
                throw ApiException.badRequest("candidates[" + i + "].postId '" + id + "' appears twice");
            }
        }
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            int user = model.nodeIndex(NodeKind.USER, userId);
            if (user < 0 || model.graph().degree(user) == 0) {
                return base(userId, model, user < 0 ? "unknown_user" : "no_interactions", postIds, baseScores);
            }
            Result result = model.reranker().isPresent()
                    ? learned(model, userId, user, postIds, baseScores)
                    : blend(model, userId, user, postIds, baseScores);
            return result != null ? result : base(userId, model, "no_known_candidates", postIds, baseScores);
        }
    }

    private static Result base(String userId, ServingModel model, String reason, String[] postIds, double[] baseScores) {
        List<Ranked> base = new ArrayList<>(postIds.length);
        for (int i = 0; i < postIds.length; i++) {
            base.add(new Ranked(postIds[i], baseScores[i], baseScores[i], null, i));
        }
        return new Result(userId, false, reason, "base", model.version(), base);
    }

    /** {@code String.isBlank}, without its scan for the usual id that starts with a printable ASCII character. */
    private static boolean isBlank(String id) {
        return id.isEmpty() || (id.charAt(0) <= ' ' || id.charAt(0) >= 0x7F) && id.isBlank();
    }

    /**
     * Adds {@code id} to the open-addressing set {@code table} (a power of two in size, never full),
     * false when it is there already. The id's hash is computed once and cached in the String, so
     * the model's id lookup after this reuses it. The slot is the top bits of the hash times the
     * golden ratio (Fibonacci hashing): ids like p1000, p1001, ... have consecutive hashes, which
     * their low bits put into one run of neighbouring slots, so that linear probing walked the run.
     */
    private static boolean add(String[] table, String id) {
        int mask = table.length - 1;
        int shift = Integer.numberOfLeadingZeros(mask);
        for (int slot = (id.hashCode() * 0x9E3779B9) >>> shift; ; slot = (slot + 1) & mask) {
            if (table[slot] == null) {
                table[slot] = id;
                return true;
            }
            if (table[slot].equals(id)) {
                return false;
            }
        }
    }

    /** The learned re-ranker's answer, or null when the model knows none of the posts. */
    private static Result learned(ServingModel model, String userId, int u, String[] ids, double[] base) {
        RerankModel reranker = model.reranker().orElseThrow();
        RerankFeaturizer featurizer = model.rerankFeatures();
        int n = ids.length;
        int[] nodes = new int[n];
        float[] x = featurizer.features(u, System.currentTimeMillis(), Arrays.asList(ids), base, nodes);
        RerankModel.Ranking ranking = reranker.rank(x, n, featurizer.interactions(u));
        if (!ranking.personalized()) {
            List<Ranked> out = new ArrayList<>(n);
            for (int i : ranking.order()) {
                out.add(new Ranked(ids[i], base[i], base[i], null, i));
            }
            return new Result(userId, false, "cold_start", "base", model.version(), out);
        }
        boolean[] known = new boolean[n];
        double[] score = new double[n];
        Double[] affinity = new Double[n];
        boolean any = false;
        int cols = RerankFeaturizer.NAMES.size();
        for (int i = 0; i < n; i++) {
            known[i] = nodes[i] >= 0;
            any |= known[i];
            score[i] = ranking.scores()[i];
            affinity[i] = known[i] ? (x[i * cols + RerankFeaturizer.COSINE] + 1.0) / 2 : null;
        }
        return any ? ranked(userId, model, LEARNED, ids, base, UnknownCandidates.place(ranking.order(), known, score), affinity) : null;
    }

    /** The blend's answer, or null when the model knows none of the posts. */
    private static Result blend(ServingModel model, String userId, int u, String[] ids, double[] baseScores) {
        int n = ids.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double b : baseScores) {
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        double[] score = new double[n];
        Double[] affinity = new Double[n];
        boolean[] known = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            int post = model.nodeIndex(NodeKind.POST, ids[i]);
            known[i] = post >= 0;
            any |= known[i];
            if (known[i]) {
                double base = max > min ? (baseScores[i] - min) / (max - min) : 1.0;
                affinity[i] = (model.cosine(u, post) + 1) / 2;
                score[i] = (1 - AFFINITY_WEIGHT) * base + AFFINITY_WEIGHT * affinity[i];
            }
        }
        return any ? ranked(userId, model, "blend", ids, baseScores,
                UnknownCandidates.place(ScoreOrder.descending(score, n), known, score), affinity) : null;
    }

    private static Result ranked(String userId, ServingModel model, String strategy, String[] ids, double[] base,
                                 UnknownCandidates.Placement placement, Double[] affinity) {
        List<Ranked> out = new ArrayList<>(ids.length);
        for (int i : placement.order()) {
            out.add(new Ranked(ids[i], placement.scores()[i], base[i], affinity[i], i));
        }
        return new Result(userId, true, null, strategy, model.version(), out);
    }
}
