package io.marketgraph.api.service;

import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.linkpred.features.Cosine;
import io.marketgraph.model.NodeKind;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.model.RerankModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Personalizes the search service's candidate list. Every candidate comes back exactly once.
 *
 * <p>When the serving version has a learned re-ranker (train-rerank), it orders the list
 * ({@code strategy: learned}); users with fewer interactions than its cold-start threshold keep the
 * base order ({@code reason: cold_start}). Without one, the score is a fixed blend:
 * {@code (1 - w) * base + w * affinity}, where {@code base} is the search engine's score min-max
 * scaled to [0, 1] within the list, {@code affinity} is the user-post cosine mapped to [0, 1]
 * ({@code (cos + 1) / 2}, 0.5 for a post the model does not know), and {@code w} =
 * {@value #AFFINITY_WEIGHT}. Ties keep the search engine's order. A user the model does not
 * know (or who has no interactions) gets the base order back, flagged {@code personalized: false}.
 */
public final class RerankService {

    public static final int MAX_CANDIDATES = 500;
    public static final double AFFINITY_WEIGHT = 0.3;

    public record Candidate(String postId, double baseScore) {}

    public record Ranked(String postId, double score, double baseScore, Double affinity, int baseRank) {}

    public record Result(String userId, boolean personalized, String reason, String strategy, String modelVersion,
                         List<Ranked> candidates) {}

    private final ModelManager models;

    public RerankService(ModelManager models) {
        this.models = models;
    }

    public Result rerank(String userId, List<Candidate> candidates) {
        if (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES) {
            throw ApiException.badRequest(String.format(Locale.ROOT,
                    "candidates must hold 1..%d entries, got %d", MAX_CANDIDATES, candidates.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.postId() == null || c.postId().isBlank()) {
                throw ApiException.badRequest("candidates[" + i + "].postId is missing");
            }
            if (!Double.isFinite(c.baseScore())) {
                throw ApiException.badRequest("candidates[" + i + "].baseScore must be a finite number, got " + c.baseScore());
            }
            if (!seen.add(c.postId())) {
                throw ApiException.badRequest("candidates[" + i + "].postId '" + c.postId() + "' appears twice");
            }
        }
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            Optional<Integer> user = model.node(NodeKind.USER, userId);
            if (user.isEmpty() || model.graph().degree(user.get()) == 0) {
                String reason = user.isEmpty() ? "unknown_user" : "no_interactions";
                List<Ranked> base = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    base.add(new Ranked(candidates.get(i).postId(), candidates.get(i).baseScore(), candidates.get(i).baseScore(), null, i));
                }
                return new Result(userId, false, reason, "base", model.version(), base);
            }
            if (model.reranker().isPresent()) {
                return learned(model, userId, user.get(), candidates);
            }
            return new Result(userId, true, null, "blend", model.version(), blend(model, user.get(), candidates));
        }
    }

    private static Result learned(ServingModel model, String userId, int u, List<Candidate> candidates) {
        RerankModel reranker = model.reranker().orElseThrow();
        RerankFeaturizer featurizer = model.rerankFeatures();
        int interactions = featurizer.interactions(u);
        List<String> ids = candidates.stream().map(Candidate::postId).toList();
        double[] base = candidates.stream().mapToDouble(Candidate::baseScore).toArray();
        float[] x = featurizer.features(u, System.currentTimeMillis(), ids, base);
        RerankModel.Ranking ranking = reranker.rank(x, ids.size(), interactions);
        List<Ranked> out = new ArrayList<>(ids.size());
        for (int i : ranking.order()) {
            out.add(new Ranked(ids.get(i), ranking.personalized() ? ranking.scores()[i] : base[i], base[i], null, i));
        }
        return new Result(userId, ranking.personalized(), ranking.personalized() ? null : "cold_start",
                ranking.personalized() ? "learned" : "base", model.version(), out);
    }

    private static List<Ranked> blend(ServingModel model, int u, List<Candidate> candidates) {
        int n = candidates.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            min = Math.min(min, c.baseScore());
            max = Math.max(max, c.baseScore());
        }
        float[] vectors = model.embeddings().vectors();
        int dim = model.embeddings().dim();
        double[] score = new double[n];
        Double[] affinity = new Double[n];
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            double base = max > min ? (c.baseScore() - min) / (max - min) : 1.0;
            Optional<Integer> post = model.node(NodeKind.POST, c.postId());
            double a = post.map(p -> (Cosine.of(vectors, u * dim, vectors, p * dim, dim) + 1) / 2).orElse(0.5);
            affinity[i] = post.isPresent() ? a : null;
            score[i] = (1 - AFFINITY_WEIGHT) * base + AFFINITY_WEIGHT * a;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        List<Ranked> out = new ArrayList<>(n);
        for (int i : order) {
            out.add(new Ranked(candidates.get(i).postId(), score[i], candidates.get(i).baseScore(), affinity[i], i));
        }
        return out;
    }
}
