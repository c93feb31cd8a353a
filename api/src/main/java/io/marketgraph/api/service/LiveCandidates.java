package io.marketgraph.api.service;

import io.marketgraph.api.ingest.LivePost;
import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.api.ingest.UserActivity;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.linkpred.retrieval.LiveIndex;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Posts listed since the graph was built, as recommendation candidates, and how they join a model's
 * answer. Eligible: ACTIVE, in the requested regions, not engaged with by the user. Ranked: posts of
 * businesses the user follows first (newest first), then by cosine to the query vector the model path
 * used (the live index), or, without one, by engagement since the cut-off (trending) in the requested
 * regions or the user's home region.
 *
 * <p>With a query vector, a live post qualifies only when it is at least as close to the query as the
 * farthest item of the model's answer (it would have been retrieved beside them): an unrelated new post
 * does not take a slot just because it is new. They cannot be scored by the link model or the ranker
 * (no graph features yet), so they are not sorted into the model's list by score: every fourth slot,
 * from the second on (slots 2, 6, 10, ...), is a qualifying live post while there are any, and they fill
 * the answer when the model's candidates run out. A live item's score is its cosine (its trending weight
 * without a query), marked {@code live: true}.
 */
final class LiveCandidates {

    /** Every {@code SLOT_EVERY}-th slot, from the second on, goes to a live post. */
    static final int SLOT_EVERY = 4;

    private final LiveState live;
    private final ServingModel model;
    private final Set<String> followed;
    private final Predicate<LivePost> accept;
    /** The region filter as the live index's tag test (null: none). */
    private final IntPredicate regionTag;
    /** The requested regions (empty: all). */
    private final Set<Integer> regions;
    /** Trending's regions: the requested ones, else the user's home region, as the popular lists do. */
    private final Set<Integer> trendingRegions;

    LiveCandidates(LiveState live, UserActivity activity, Set<Integer> regions, int homeRegion) {
        this.live = live;
        this.model = live.model();
        this.followed = activity == null ? Set.of() : activity.followed();
        Set<String> seen = activity == null ? Set.of() : activity.seenLive();
        IntPredicate inRegion = RegionSet.of(regions);
        Predicate<LivePost> listed = p -> inRegion.test(p.region()) && live.isActive(p) && !seen.contains(p.id());
        this.accept = listed;
        this.regionTag = RegionSet.tagTest(regions);
        this.regions = regions;
        this.trendingRegions = regions.isEmpty() && homeRegion >= 0 ? Set.of(homeRegion) : regions;
    }

    /** Live posts that pass the filters (for a short answer's {@code eligible}). */
    int eligibleCount() {
        return live.countLivePosts(regions, accept);
    }

    /** {@code result} with live posts in its slots; unchanged when there are none. */
    RecommendationService.Result merge(RecommendationService.Result result, float[] query, int k) {
        if (live.livePostCount() == 0) {
            return result;
        }
        List<RecommendationService.Item> model = result.items();
        float[] q = query == null ? null : FoldIn.unit(query);
        List<RecommendationService.Item> fresh = candidates(q, k, q == null ? Double.NEGATIVE_INFINITY : floor(q, model));
        if (fresh.isEmpty()) {
            return result;
        }
        List<RecommendationService.Item> out = new ArrayList<>(k);
        int m = 0;
        int f = 0;
        while (out.size() < k && (m < model.size() || f < fresh.size())) {
            boolean liveSlot = out.size() % SLOT_EVERY == 1;
            if (f < fresh.size() && (liveSlot || m >= model.size())) {
                out.add(fresh.get(f++));
            } else if (m < model.size()) {
                out.add(model.get(m++));
            } else {
                break;
            }
        }
        return new RecommendationService.Result(result.userId(), result.kind(), result.strategy(), result.modelVersion(), out,
                result.shortfall());
    }

    /** The lowest cosine between the unit query and the model's items (no items: no floor). */
    private double floor(float[] q, List<RecommendationService.Item> items) {
        double floor = Double.POSITIVE_INFINITY;
        int dim = model.embeddings().dim();
        for (RecommendationService.Item item : items) {
            int node = model.nodeIndex(NodeKind.POST, item.id());
            if (node >= 0) {
                int at = model.embeddings().offset(node);
                float[] v = FoldIn.unit(Arrays.copyOfRange(model.embeddings().vectors(), at, at + dim));
                floor = Math.min(floor, dot(q, v));
            }
        }
        return floor == Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : floor;
    }

    /** @param q the unit query vector, or null */
    private List<RecommendationService.Item> candidates(float[] q, int k, double floor) {
        List<RecommendationService.Item> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (LivePost p : live.ofSellers(followed, k, accept)) {
            taken.add(p.id());
            out.add(item(p, q == null || p.vector() == null ? live.engagement(p.id()) : dot(q, p.vector())));
        }
        if (q != null) {
            for (LiveIndex.Scored<LivePost> s : live.index().search(q, k - out.size(), regionTag, p -> accept.test(p) && !taken.contains(p.id()))) {
                if (s.score() >= floor) {
                    out.add(item(s.item(), s.score()));
                }
            }
        } else {
            for (LivePost p : live.trending(Set.of(), k - out.size(), trendingRegions, p -> accept.test(p) && !taken.contains(p.id()))) {
                out.add(item(p, live.engagement(p.id())));
            }
        }
        return out;
    }

    private static RecommendationService.Item item(LivePost p, double score) {
        return new RecommendationService.Item(p.id(), score, p.region(), p.category(), Boolean.TRUE);
    }

    /** The cosine of two unit vectors. */
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }
}
