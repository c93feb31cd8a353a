package io.marketgraph.api.service;

import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Target audiences for the ad team: users ranked by predicted interest in a business, a set of
 * posts or a category (the link model's probability, the best over the targets), or by similarity
 * to seed users (lookalike: cosine to the seeds' mean vector, mapped to [0, 1]).
 *
 * <p>Candidates are the {@value #SCAN} users nearest the targets in embedding space (ANN), after the
 * region filter; the audience size at a threshold is counted among them, so when the scan is full
 * the size is a lower bound and the response says so ({@code sizeIsLowerBound}).
 *
 * <p>Only ACTIVE posts seed an audience (their ingested status first): a category's seeds skip the
 * others, and naming a post that is not ACTIVE as a target is a 409.
 */
public final class AudienceService {

    static final int SCAN = 2000;
    static final int MAX_TARGETS = 10;
    public static final int MAX_LIMIT = 1000;

    public enum TargetType { BUSINESS, POSTS, USERS, CATEGORY }

    /**
     * An audience request, validated on construction, so that both sources (this service and
     * {@link GraphAudienceService}) get the same checks with the same messages: 400s naming the
     * field ({@code target.ids[2]}, {@code regions[0]}), null elements and invalid UTF-16 included.
     */
    public record Request(TargetType type, List<String> ids, Integer category, List<Integer> regions, Integer size,
                          Double minScore, boolean excludeFollowers, int offset, int limit) {
        public Request {
            if (type == null) {
                throw ApiException.badRequest("target.type is required: one of business, posts, users, category");
            }
            int maxIds = switch (type) {
                case BUSINESS -> 1;
                case POSTS -> MAX_TARGETS;
                case USERS -> 1000;
                case CATEGORY -> 0;
            };
            if (type == TargetType.CATEGORY) {
                if (category == null) {
                    throw ApiException.badRequest("target.category is required when target.type is category");
                }
            } else if (ids == null || ids.isEmpty() || ids.size() > maxIds) {
                throw ApiException.badRequest(String.format(Locale.ROOT, "target.ids must hold 1..%d ids for target.type %s, got %d",
                        maxIds, type.name().toLowerCase(Locale.ROOT), ids == null ? 0 : ids.size()));
            }
            ids = ids == null ? List.of() : checkIds(ids);
            regions = regions == null ? List.of() : checkRegions(regions);
            if (size != null && (size < 1 || size > SCAN)) {
                throw ApiException.badRequest("size must be in 1.." + SCAN + ", got " + size);
            }
            if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
                throw ApiException.badRequest("minScore must be in [0, 1], got " + minScore);
            }
            if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest(String.format(Locale.ROOT, "offset must be >= 0 and limit in 1..%d, got offset=%d limit=%d",
                        MAX_LIMIT, offset, limit));
            }
        }

        private static List<String> checkIds(List<String> ids) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id == null || id.isBlank()) {
                    throw ApiException.badRequest("target.ids[" + i + "] must be a non-blank id, got " + (id == null ? "null" : "'" + id + "'"));
                }
                int bad = Utf16.unpairedSurrogate(id);
                if (bad >= 0) {
                    throw ApiException.badRequest(String.format(Locale.ROOT,
                            "target.ids[%d] is not valid UTF-16: an unpaired surrogate \\u%04X at index %d", i, (int) id.charAt(bad), bad));
                }
            }
            return List.copyOf(ids);
        }

        private static List<Integer> checkRegions(List<Integer> regions) {
            for (int i = 0; i < regions.size(); i++) {
                if (regions.get(i) == null) {
                    throw ApiException.badRequest("regions[" + i + "] must be a region id, got null");
                }
            }
            return List.copyOf(regions);
        }
    }

    public record Member(String userId, double score, int region) {}

    public record Result(String modelVersion, String scoring, int audienceSize, boolean sizeIsLowerBound, Double minScore,
                         int offset, int limit, List<Member> users) {}

    private final ModelManager models;
    private final int nprobe;

    public AudienceService(ModelManager models, int nprobe) {
        this.models = models;
        this.nprobe = nprobe;
    }

    public Result audience(Request r) {
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            int[] seeds = seeds(model, lease.live(), r);
            float[] query = model.foldIn().fromNeighbours(seeds, null);
            CsrGraph graph = model.graph();
            Set<Integer> seedSet = new HashSet<>();
            Arrays.stream(seeds).forEach(seedSet::add);
            IvfIndex.Hits hits = model.ann(NodeKind.USER).search(query, 0, SCAN, nprobe * 4, RegionSet.tagTest(r.regions()),
                    u -> !seedSet.contains(u)
                            && !(r.excludeFollowers() && r.type() == TargetType.BUSINESS && graph.hasEdge(u, seeds[0])));
            int[] users = hits.nodes();
            double[] scores = new double[users.length];
            String scoring;
            if (r.type() == TargetType.USERS) {
                scoring = "lookalike_cosine";
                for (int i = 0; i < users.length; i++) {
                    scores[i] = (hits.scores()[i] + 1) / 2;
                }
            } else {
                LinkTask task = r.type() == TargetType.BUSINESS ? LinkTask.USER_BUSINESS : LinkTask.USER_POST;
                LinkModel linkModel = model.linkModel(task).orElseThrow(() -> new ApiException(409, "no_link_model",
                        "model " + model.version() + " has no " + task.metricName() + " link model"));
                scoring = "link_model:" + task.metricName();
                Arrays.fill(scores, 0);
                for (int t : seeds) {
                    long[] pairs = Arrays.stream(users).mapToLong(u -> TaskPairs.pack(u, t)).toArray();
                    float[] s = linkModel.score(model.featurizer().features(pairs));
                    for (int i = 0; i < users.length; i++) {
                        scores[i] = Math.max(scores[i], s[i]);
                    }
                }
            }
            Integer[] order = new Integer[users.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(users[a], users[b]));
            int qualifying = 0;
            while (qualifying < order.length && (r.minScore() == null || scores[order[qualifying]] >= r.minScore())) {
                qualifying++;
            }
            boolean lowerBound = users.length == SCAN && qualifying == users.length;
            int audienceSize = r.size() == null ? qualifying : Math.min(r.size(), qualifying);
            List<Member> page = new ArrayList<>();
            for (int i = r.offset(); i < Math.min(audienceSize, r.offset() + r.limit()); i++) {
                int u = users[order[i]];
                page.add(new Member(model.nodes().id(u), scores[order[i]], model.nodes().region(u)));
            }
            return new Result(model.version(), scoring, audienceSize, lowerBound && (r.size() == null || r.size() > qualifying),
                    r.minScore(), r.offset(), r.limit(), page);
        }
    }

    /** A 409 naming the first post of {@code postIds} that is not ACTIVE (its ingested status first, then the graph's). */
    static void requireActive(LiveState live, List<String> postIds) {
        for (int i = 0; i < postIds.size(); i++) {
            PostStatus status = live.currentStatus(postIds.get(i));
            if (status != PostStatus.ACTIVE) {
                throw new ApiException(409, "inactive_target", String.format(Locale.ROOT,
                        "target.ids[%d]: post '%s' is %s; only ACTIVE posts seed an audience", i, postIds.get(i), status));
            }
        }
    }

    private static int[] seeds(ServingModel model, LiveState live, Request r) {
        return switch (r.type()) {
            case BUSINESS -> nodes(model, NodeKind.BUSINESS, r.ids());
            case POSTS -> {
                int[] posts = nodes(model, NodeKind.POST, r.ids());
                requireActive(live, r.ids());
                yield posts;
            }
            case USERS -> nodes(model, NodeKind.USER, r.ids());
            case CATEGORY -> {
                int[] posts = IntStream.range(0, model.nodes().size())
                        .filter(n -> model.nodes().kind(n) == NodeKind.POST && model.nodes().category(n) == r.category()
                                && live.isActive(n))
                        .boxed()
                        .sorted((a, b) -> Double.compare(model.popular().strength(b), model.popular().strength(a)))
                        .limit(MAX_TARGETS).mapToInt(Integer::intValue).toArray();
                if (posts.length == 0) {
                    throw ApiException.notFound("category " + r.category() + " has no ACTIVE posts in model " + model.version());
                }
                yield posts;
            }
        };
    }

    private static int[] nodes(ServingModel model, NodeKind kind, List<String> ids) {
        List<String> unknown = new ArrayList<>();
        int[] out = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int n = model.node(kind, ids.get(i)).orElse(-1);
            if (n < 0) {
                unknown.add(ids.get(i));
            }
            out[i] = n;
        }
        if (!unknown.isEmpty()) {
            throw ApiException.notFound(String.format(Locale.ROOT, "target.ids: %s %s unknown to model %s",
                    kind.name().toLowerCase(Locale.ROOT), unknown.subList(0, Math.min(5, unknown.size())), model.version()));
        }
        return out;
    }
}
