package io.marketgraph.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.api.ingest.UserActivity;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.ranker.Recommender;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Top-K posts or businesses for a user: ANN candidates around the user's vector, filtered (regions,
 * ACTIVE posts, nothing the user already engaged with), re-scored by the link model.
 *
 * <p>Cold start, and the response says which path ran ({@code strategy}):
 * {@code embedding} for a user the model was trained with; {@code fold_in} for a user it does not
 * know but who sent recent interactions (the weighted mean of their vectors, ranked by cosine
 * since the link model's graph features do not exist for them); {@code popular} otherwise: the
 * most engaged targets of the user's (or the requested) regions.
 *
 * <p>Posts of a version trained with a ranker take one path for every user ({@code strategy: ranker}):
 * {@link Recommender}, the candidate sources and the ranker train-links evaluated, with calibrated
 * probabilities as scores; a new user's {@code recent} posts are the history (and are not recommended back).
 *
 * <p>An answer with fewer than {@code k} items says why in {@code shortfall} (null when full):
 * how many targets of the kind pass the filters at all ({@code eligible}: in the requested regions,
 * ACTIVE, not engaged with by the user), and which of the two limits it hit: fewer eligible targets
 * than {@code k}, or a candidate source (the ANN cells searched, the popular lists) that held fewer.
 *
 * <p>Real-time ingest ({@link LiveState}) takes part on every path: a post's ingested status replaces
 * the graph's in the ACTIVE filter; what the user engaged with since the graph was built is excluded
 * like the graph's edges, folds their query vector in (half the user's vector, half the weighted mean of
 * the recent items'; all of it for a user the model does not know: {@code fold_in}) and adds the items
 * co-engaged with those recent posts in the graph as candidates; and posts listed since take part
 * through {@link LiveCandidates} (marked {@code live: true}).
 */
public final class RecommendationService {

    /** Candidates fetched per requested item, to leave room for the re-scoring. */
    private static final int OVERFETCH = 5;

    /** {@code live}: true for a post listed since the graph was built (its score is not on the model's scale), else absent. */
    public record Item(String id, double score, int region, int category,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean live) {
        public Item(String id, double score, int region, int category) {
            this(id, score, region, category, null);
        }
    }

    /** A model answer and the query vector it used (null: none), which the live posts are ranked by. */
    private record Ranked(Result result, float[] query) {}

    /** Share of the user's vector in the query of a user with recent engagement (the rest: the recent items). */
    static final double RECENT_SHARE = 0.5;
    /** Recent posts whose co-engaged posts become candidates, and how many of those are kept. */
    private static final int CO_ENGAGED_SEEDS = 10;
    private static final int CO_ENGAGED_FANOUT = 50;

    public record Result(String userId, String kind, String strategy, String modelVersion, List<Item> items,
                         Shortfall shortfall) {
        Result(String userId, String kind, String strategy, String modelVersion, List<Item> items) {
            this(userId, kind, strategy, modelVersion, items, null);
        }
    }

    /** Why an answer holds fewer items than requested: {@code eligible} targets pass the filters. */
    public record Shortfall(int requested, int returned, int eligible, String reason, String message) {}

    private final ModelManager models;
    private final int nprobe;

    public RecommendationService(ModelManager models, int nprobe) {
        this.models = models;
        this.nprobe = nprobe;
    }

    public Result recommend(String userId, NodeKind kind, int k, Set<Integer> regions, List<String> recent) {
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            LiveState live = lease.live();
            UserActivity activity = live.activity(userId).orElse(null);
            Ranked ranked = recommend(model, live, activity, userId, kind, k, regions, recent);
            Result result = ranked.result();
            int liveEligible = 0;
            if (kind == NodeKind.POST) {
                LiveCandidates fresh = new LiveCandidates(live, activity, regions, homeRegion(model, userId));
                result = fresh.merge(result, ranked.query(), k);
                liveEligible = result.items().size() < k ? fresh.eligibleCount() : 0;
            }
            return result.items().size() >= k ? result
                    : withShortfall(model, live, activity, result, k, regions, recent, liveEligible);
        }
    }

    private static int homeRegion(ServingModel model, String userId) {
        return model.node(NodeKind.USER, userId).map(u -> model.nodes().region(u)).orElse(-1);
    }

    private Ranked recommend(ServingModel model, LiveState live, UserActivity activity, String userId, NodeKind kind, int k,
                             Set<Integer> regions, List<String> recent) {
        if (kind != NodeKind.POST && kind != NodeKind.BUSINESS) {
            throw ApiException.badRequest("kind must be post or business, got '" + kind.name().toLowerCase(Locale.ROOT) + "'");
        }
        Optional<Integer> user = model.node(NodeKind.USER, userId);
        float[] recentVector = activity == null ? null : live.recentVector(activity);
        float[] profile = user.isPresent() && model.graph().degree(user.get()) > 0
                ? profileVector(model, user.get(), recentVector) : null;
        if (kind == NodeKind.POST && model.recommender().isPresent()) {
            // the ranker's own exclusion: what the user engaged with (liked, chatted, bought), not every view
            IntPredicate listed = listed(model, live, kind, regions);
            IntPredicate accept = activity == null ? listed : t -> listed.test(t) && !activity.seenNodes().contains(t);
            int[] history = concat(recentNodes(model, recent), activity == null ? new int[0] : LiveState.recentNodes(activity));
            return new Ranked(ranked(model, model.recommender().get(), userId, user.orElse(-1), k, accept, history),
                    profile != null ? profile : foldIn(model, recentNodes(model, recent), recentVector));
        }
        CsrGraph graph = model.graph();
        IntPredicate accept = eligible(model, live, kind, regions, user, activity);
        // what the ANN scan tests after its region tags: the same filter, without a look-up of the region
        IntPredicate afterTag = regions.isEmpty() ? accept : eligible(model, live, kind, Set.of(), user, activity);
        LinkTask task = kind == NodeKind.POST ? LinkTask.USER_POST : LinkTask.USER_BUSINESS;
        if (profile != null) {
            int u = user.get();
            IvfIndex.Hits hits = model.ann(kind).search(profile, 0, k * OVERFETCH, nprobe, RegionSet.tagTest(regions), afterTag);
            int[] candidates = activity == null ? hits.nodes()
                    : union(hits.nodes(), coEngaged(model, LiveState.recentNodes(activity), kind, accept));
            Optional<LinkModel> linkModel = model.linkModel(task);
            List<Item> items = linkModel.isPresent()
                    ? rescore(model, linkModel.get(), u, candidates, k)
                    : items(model, hits.nodes(), hits.scores(), k);
            return new Ranked(new Result(userId, name(kind), "embedding", model.version(), items), profile);
        }
        int[] recentNodes = recentNodes(model, recent);
        float[] vector = foldIn(model, recentNodes, recentVector);
        if (vector != null) {
            IvfIndex.Hits hits = model.ann(kind).search(vector, 0, k, nprobe, RegionSet.tagTest(regions),
                    t -> afterTag.test(t) && Arrays.stream(recentNodes).noneMatch(r -> r == t));
            return new Ranked(new Result(userId, name(kind), "fold_in", model.version(), items(model, hits.nodes(), hits.scores(), k)),
                    vector);
        }
        int home = user.map(u -> model.nodes().region(u)).orElse(-1);
        return new Ranked(new Result(userId, name(kind), "popular", model.version(), popular(model, kind, k, regions, home, accept)),
                null);
    }

    /** The user's vector, turned towards what they engaged with since the graph was built. */
    private static float[] profileVector(ServingModel model, int user, float[] recentVector) {
        float[] vectors = model.embeddings().vectors();
        int at = model.embeddings().offset(user);
        if (recentVector == null) {
            return Arrays.copyOfRange(vectors, at, at + model.embeddings().dim());
        }
        return LiveState.blend(vectors, at, recentVector, RECENT_SHARE);
    }

    /** A vector for a user the model cannot place: the {@code recent} parameter's items and the ingested recent engagement. */
    private static float[] foldIn(ServingModel model, int[] recentNodes, float[] recentVector) {
        if (recentNodes.length == 0) {
            return recentVector;
        }
        float[] fromParam = model.foldIn().fromNeighbours(recentNodes, null);
        return recentVector == null ? fromParam : LiveState.blend(fromParam, 0, recentVector, RECENT_SHARE);
    }

    /**
     * Targets of {@code kind} that users who engaged with the recent posts engaged with too, most
     * co-engaged first (summed edge weights): item-to-item candidates that need no retrain.
     */
    private static int[] coEngaged(ServingModel model, int[] recentNodes, NodeKind kind, IntPredicate accept) {
        CsrGraph graph = model.graph();
        java.util.Map<Integer, Double> score = new java.util.HashMap<>();
        int seeds = 0;
        for (int i = recentNodes.length - 1; i >= 0 && seeds < CO_ENGAGED_SEEDS; i--, seeds++) {
            int item = recentNodes[i];
            int[] users = graph.neighboursOf(item);
            for (int a = 0; a < Math.min(users.length, CO_ENGAGED_FANOUT); a++) {
                int[] targets = graph.neighboursOf(users[a]);
                for (int b = 0; b < Math.min(targets.length, CO_ENGAGED_FANOUT); b++) {
                    int t = targets[b];
                    if (t != item && model.nodes().kind(t) == kind) {
                        score.merge(t, (double) graph.weight(users[a], t), Double::sum);
                    }
                }
            }
        }
        return score.entrySet().stream().filter(e -> accept.test(e.getKey()))
                .sorted((x, y) -> !x.getValue().equals(y.getValue()) ? Double.compare(y.getValue(), x.getValue())
                        : Integer.compare(x.getKey(), y.getKey()))
                .limit(CO_ENGAGED_FANOUT).mapToInt(java.util.Map.Entry::getKey).toArray();
    }

    private static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    }

    /**
     * Counts the targets that pass the filters, only for a short answer: a scan of the requested regions'
     * nodes ({@link ServingModel#nodesIn}), or of the node table without a region filter. A one-region
     * short answer used to scan all 1M nodes, tens of milliseconds: the read path's p99 (e2e.sh).
     */
    private static Result withShortfall(ServingModel model, LiveState live, UserActivity activity, Result result, int k,
                                        Set<Integer> regions, List<String> recent, int liveEligible) {
        NodeKind kind = NodeKind.valueOf(result.kind().toUpperCase(Locale.ROOT));
        Set<Integer> excluded = "fold_in".equals(result.strategy())
                ? Set.copyOf(Arrays.stream(recentNodes(model, recent)).boxed().toList()) : Set.of();
        // the region is the scan's: each node below is in one of the requested regions
        IntPredicate unfiltered = eligible(model, live, kind, Set.of(), model.node(NodeKind.USER, result.userId()), activity);
        IntPredicate counted = n -> unfiltered.test(n) && !excluded.contains(n);
        int eligible = liveEligible;
        if (regions.isEmpty()) {
            for (int n = 0; n < model.nodes().size(); n++) {
                eligible += model.nodes().kind(n) == kind && counted.test(n) ? 1 : 0;
            }
        } else {
            for (int region : regions) {
                for (int n : model.nodesIn(kind, region)) {
                    eligible += counted.test(n) ? 1 : 0;
                }
            }
        }
        String filters = (regions.isEmpty() ? "" : "in regions " + new java.util.TreeSet<>(regions) + ", ")
                + (kind == NodeKind.POST ? "ACTIVE, " : "") + "not engaged with by the user";
        int returned = result.items().size();
        Shortfall shortfall = eligible <= returned
                ? new Shortfall(k, returned, eligible, "fewer_eligible", String.format(Locale.ROOT,
                        "only %d %ss are %s", eligible, result.kind(), filters))
                : new Shortfall(k, returned, eligible, "source_exhausted", String.format(Locale.ROOT,
                        "%d %ss are %s, but the %s candidates held only %d of them", eligible, result.kind(), filters,
                        result.strategy(), returned));
        return new Result(result.userId(), result.kind(), result.strategy(), result.modelVersion(), result.items(), shortfall);
    }

    /** Listed: in the requested regions and, for posts, ACTIVE (the ingested status first, then the graph's). */
    private static IntPredicate listed(ServingModel model, LiveState live, NodeKind kind, Set<Integer> regions) {
        IntPredicate active = kind == NodeKind.POST ? live::isActive : t -> true;
        if (regions.isEmpty()) {
            return active; // no look-up of the region: a cache miss per candidate over a 1M-node table
        }
        IntPredicate inRegion = RegionSet.of(regions);
        return t -> inRegion.test(model.nodes().region(t)) && active.test(t);
    }

    /** Listed, and nothing the user has an edge to or engaged with since the graph was built. */
    private static IntPredicate eligible(ServingModel model, LiveState live, NodeKind kind, Set<Integer> regions,
                                         Optional<Integer> user, UserActivity activity) {
        CsrGraph graph = model.graph();
        IntPredicate listed = listed(model, live, kind, regions);
        return t -> listed.test(t) && (user.isEmpty() || !graph.hasEdge(user.get(), t))
                && (activity == null || !activity.seenNodes().contains(t));
    }

    /** The served path of a version with a ranker: the same ranking as train-links' report. */
    private static Result ranked(ServingModel model, Recommender recommender, String userId, int user, int k,
                                 IntPredicate accept, int[] recent) {
        int[] history = user >= 0 && model.graph().degree(user) > 0 ? new int[0] : recent;
        IntPredicate filter = t -> accept.test(t) && Arrays.stream(history).noneMatch(r -> r == t);
        List<Item> items = new ArrayList<>();
        for (Recommender.Scored s : recommender.recommend(user, history, k, filter)) {
            items.add(new Item(model.nodes().id(s.node()), s.probability(), model.nodes().region(s.node()),
                    model.nodes().category(s.node())));
        }
        return new Result(userId, "post", "ranker", model.version(), items);
    }

    private static List<Item> rescore(ServingModel model, LinkModel linkModel, int u, int[] candidates, int k) {
        long[] pairs = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            pairs[i] = TaskPairs.pack(u, candidates[i]);
        }
        float[] scores = linkModel.score(model.featurizer().features(pairs));
        return items(model, candidates, scores, k);
    }

    private static List<Item> items(ServingModel model, int[] nodes, float[] scores, int k) {
        Integer[] order = new Integer[nodes.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(nodes[a], nodes[b]));
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int n = nodes[order[i]];
            out.add(new Item(model.nodes().id(n), scores[order[i]], model.nodes().region(n), model.nodes().category(n)));
        }
        return out;
    }

    private static List<Item> popular(ServingModel model, NodeKind kind, int k, Set<Integer> regions, int home,
                                      IntPredicate accept) {
        List<Integer> sources = new ArrayList<>(regions);
        if (sources.isEmpty() && home >= 0) {
            sources.add(home);
        }
        if (sources.isEmpty()) {
            sources.add(-1); // overall
        }
        List<int[]> lists = new ArrayList<>();
        for (int region : sources) {
            lists.add(model.popular().top(kind, region));
        }
        List<Item> out = new ArrayList<>();
        // round-robin over the requested regions so each gets its share of the list
        for (int rank = 0; out.size() < k; rank++) {
            boolean any = false;
            for (int[] list : lists) {
                if (rank < list.length) {
                    any = true;
                    int n = list[rank];
                    if (accept.test(n) && out.size() < k) {
                        out.add(new Item(model.nodes().id(n), model.popular().strength(n), model.nodes().region(n),
                                model.nodes().category(n)));
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    private static int[] recentNodes(ServingModel model, List<String> recent) {
        List<Integer> nodes = new ArrayList<>();
        for (String ref : recent) {
            model.node(NodeKind.POST, ref).or(() -> model.node(NodeKind.BUSINESS, ref)).ifPresent(nodes::add);
        }
        return nodes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String name(NodeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
