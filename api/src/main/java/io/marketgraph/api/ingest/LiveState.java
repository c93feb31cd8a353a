package io.marketgraph.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.io.IdCodes;
import io.marketgraph.io.Json;
import io.marketgraph.io.Timestamps;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.retrieval.LiveIndex;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import io.marketgraph.registry.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What real-time ingest added to one model version: posts listed since its graph was built (with
 * fold-in vectors in a {@link LiveIndex}), post status changes, each user's recent engagement, and the
 * event ids already taken. The model manager owns it beside the version it was built for, and builds a
 * new one for every version it switches to by replaying the {@link IngestLog} ({@link #rebuild}).
 *
 * <p>Reads never lock: every map is concurrent and every value immutable, so a status change is seen
 * by the next filter that reads the map. Writes come one at a time (the model manager's ingest lock).
 *
 * <p>A new post's vector is folded in from its side information, as EGES-style systems do for cold
 * items: the mean of the unit vectors of its seller (when the model knows the seller) and of the
 * model's mean post vector for its region and category ({@link FoldIn#fromSideInformation}).
 */
public final class LiveState {

    private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /**
     * What a rebuild replayed onto a version: lines applied, lines its graph already holds, events whose
     * target neither the model nor a live post knows, and the log's unreadable lines ({@code corrupt}
     * includes lines that parse but hold no valid record).
     */
    public record ReplayReport(String version, long cutoffMillis, long builtAtMillis, long posts, long events, long beforeCutoff,
                               long unresolved, long torn, long corrupt) {}

    /**
     * What a version's graph holds of the log. {@code cutoffMillis}: events at or after it are not in its
     * edges (build-graph's {@code split_at} when it split, else its {@code now_millis}); {@code builtAtMillis}:
     * when the build read the log and the entities ({@code now_millis}); log lines written after it were
     * not read. {@code Long.MIN_VALUE} for both when the graph's report is not readable: all is replayed.
     */
    public record Cut(long cutoffMillis, long builtAtMillis) {
        static final Cut NONE = new Cut(Long.MIN_VALUE, Long.MIN_VALUE);
    }

    private final ServingModel model;
    private final LiveIndex<LivePost> index;
    private final ConcurrentHashMap<String, LivePost> posts = new ConcurrentHashMap<>();
    /** The same posts by region: a trending list for one region reads that region's posts only. */
    private final ConcurrentHashMap<Integer, ConcurrentHashMap<String, LivePost>> byRegion = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PostRecord> listings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PostStatus> statuses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PostStatus> nodeStatuses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UserActivity> users = new ConcurrentHashMap<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Double> engagement = new ConcurrentHashMap<>();
    private volatile ReplayReport replay;

    /**
     * Live posts searched exactly up to this many (1.3M multiply-adds at 128 dimensions, a fraction of a
     * millisecond); beyond it, only the cells the catalogue's search probes, with the catalogue's recall.
     */
    static final int LIVE_EXACT_UP_TO = 10_000;

    /** @param nprobe the catalogue search's cells probed ({@code serve --nprobe}), which the live index probes too */
    public LiveState(ServingModel model, int nprobe) {
        this.model = model;
        IvfIndex catalogue = model.ann(NodeKind.POST);
        // the live posts filed under the catalogue's cells: exact while few, then searched as the catalogue is
        this.index = catalogue.size() > 0 ? new LiveIndex<>(catalogue, nprobe, LIVE_EXACT_UP_TO)
                : new LiveIndex<>(model.embeddings().dim());
        this.replay = new ReplayReport(model.version(), Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The state of {@code model} after replaying what its graph does not hold ({@link #cut}). An event
     * is replayed when its {@code ts} is at or after the cut-off, or when its log segment was written
     * after the build (a late event, {@code ts} before the cut-off but arrived after the build read the
     * log: replaying its whole segment may repeat events the graph has, which only excludes them twice).
     * A post line is replayed when the version does not know the post, or it was accepted
     * ({@code updated_at}) after the build took its entities.
     */
    public static LiveState rebuild(ServingModel model, IngestLog log, int nprobe) {
        LiveState state = new LiveState(model, nprobe);
        Cut cut = cut(model.manifest());
        long[] counts = new long[5];   // posts, events, held by the graph, unresolved, unusable
        IngestLog.ReplayCounts p = log.replayPosts((r, written) -> {
            try {
                long at = Timestamps.parseMillis(r.updatedAt());
                if (at < cut.builtAtMillis() && model.nodeIndex(NodeKind.POST, r.postId()) >= 0) {
                    counts[2]++;   // the version's graph took this post's entity after this line
                } else {
                    state.applyPost(r);
                    counts[0]++;
                }
            } catch (RuntimeException bad) {   // a line that parses but holds no valid post (edited by hand): counted, never fatal
                counts[4]++;
                LOG.warn("ingest log: post line for '{}' skipped: {}", r.postId(), bad.toString());
            }
        });
        IngestLog.ReplayCounts e = log.replayEvents((r, written) -> {
            try {
                long ts = Timestamps.parseMillis(r.ts());
                if (ts < cut.cutoffMillis() && written < cut.builtAtMillis()) {
                    counts[2]++;
                } else if (state.applyEvent(r)) {
                    counts[1]++;
                } else {
                    counts[3]++;
                }
            } catch (RuntimeException bad) {
                counts[4]++;
                LOG.warn("ingest log: event line '{}' skipped: {}", r.eventId(), bad.toString());
            }
        });
        state.replay = new ReplayReport(model.version(), cut.cutoffMillis(), cut.builtAtMillis(), counts[0], counts[1], counts[2],
                counts[3], p.torn() + e.torn(), p.corrupt() + e.corrupt() + counts[4]);
        LOG.info("ingest log replayed onto {}: {}", model.version(), state.replay);
        return state;
    }

    /**
     * A version's {@link Cut}, from its graph's report.json (the manifest's graph version): build-graph's
     * {@code split_at} and {@code now_millis}.
     */
    public static Cut cut(ModelManifest manifest) {
        if (manifest.graphVersion() == null) {
            return Cut.NONE;
        }
        Path report = Path.of(manifest.graphVersion()).resolve("report.json");
        if (!Files.isRegularFile(report)) {
            return Cut.NONE;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(report.toFile());
            JsonNode now = json.get("now_millis");
            if (now == null || !now.isIntegralNumber()) {
                return Cut.NONE;
            }
            JsonNode split = json.get("split_at");
            return new Cut(split != null && split.isIntegralNumber() ? split.longValue() : now.longValue(), now.longValue());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("graph report of model {} is unreadable ({}): replaying the whole ingest log", manifest.version(), e.toString());
            return Cut.NONE;
        }
    }

    public ServingModel model() {
        return model;
    }

    public LiveIndex<LivePost> index() {
        return index;
    }

    public ReplayReport replayReport() {
        return replay;
    }

    // ---- writes (one at a time) ----

    /** Applies a listing or a status change; what it did to the post. */
    public Outcome applyPost(PostRecord r) {
        PostStatus status = PostStatus.valueOf(r.status());
        int node = model.nodeIndex(NodeKind.POST, r.postId());
        if (r.isStatusChange()) {
            PostStatus before = status(r.postId()).orElse(null);
            setStatus(r.postId(), node, status);
            listings.computeIfPresent(r.postId(), (id, old) -> old.withStatus(r.status()));
            return before == status ? Outcome.UNCHANGED : Outcome.UPDATED;
        }
        PostRecord before = listings.get(r.postId());
        if (r.sameListing(before)) {
            return Outcome.UNCHANGED;
        }
        listings.put(r.postId(), r);
        if (node < 0) {
            LivePost post = livePost(r);
            LivePost old = posts.put(post.id(), post);
            if (old != null && old.region() != post.region()) {
                byRegion.get(old.region()).remove(old.id());
            }
            byRegion.computeIfAbsent(post.region(), region -> new ConcurrentHashMap<>()).put(post.id(), post);
            if (post.vector() != null) {
                index.put(post.id(), post.vector(), post, post.region());
            } else {
                index.remove(post.id());
            }
        }
        setStatus(r.postId(), node, status);
        return before == null && node < 0 ? Outcome.CREATED : Outcome.UPDATED;
    }

    private void setStatus(String id, int node, PostStatus status) {
        statuses.put(id, status);
        if (node >= 0) {
            nodeStatuses.put(node, status);
        }
    }

    private LivePost livePost(PostRecord r) {
        NodeKind sellerKind = NodeKind.parse(r.sellerKind());
        int region = model.idCodes().code(IdCodes.REGION, r.regionId());
        int category = model.idCodes().code(IdCodes.CATEGORY, r.categoryId());
        if (region < 0 || category < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "post '%s': region '%s' or category '%s' is not in model %s's graph",
                    r.postId(), r.regionId(), r.categoryId(), model.version()));
        }
        int dim = model.embeddings().dim();
        double[] sum = new double[dim];
        List<String> from = new ArrayList<>();
        int seller = model.nodeIndex(sellerKind, r.sellerId());
        if (seller >= 0) {
            addUnit(sum, model.embeddings().vectors(), model.embeddings().offset(seller), dim);
            from.add("seller");
        }
        Optional<float[]> side = model.foldIn().fromSideInformation(NodeKind.POST, region, category);
        if (side.isPresent()) {
            addUnit(sum, side.get(), 0, dim);
            from.add("region_category");
        }
        float[] vector = from.isEmpty() ? null : unit(sum);
        return new LivePost(r.postId(), sellerKind, r.sellerId(), region, category, Timestamps.parseMillis(r.createdAt()),
                vector, String.join("+", from), r);
    }

    /**
     * Applies an accepted event; false when its target is neither a model node nor a live post (on
     * replay: a post the version no longer knows).
     */
    public boolean applyEvent(EventRecord e) {
        Action action = Action.parse(e.action());
        NodeKind kind = NodeKind.parse(e.targetKind());
        int node = model.nodeIndex(kind, e.targetId());
        LivePost live = node < 0 && kind == NodeKind.POST ? posts.get(e.targetId()) : null;
        if (node < 0 && live == null) {
            return false;
        }
        if (e.eventId() != null) {
            eventIds.add(e.eventId());
        }
        UserActivity.Engaged engaged = new UserActivity.Engaged(node, live == null ? null : live.id(), action);
        String follows = action == Action.FOLLOW && kind == NodeKind.BUSINESS ? e.targetId() : null;
        users.compute(e.userId(), (id, old) -> (old == null ? UserActivity.EMPTY : old).with(engaged, follows));
        if (live != null) {
            engagement.merge(live.id(), action.defaultWeight(), Double::sum);
        }
        return true;
    }

    // ---- reads (no lock) ----

    /** Whether an event with this id was taken already (since the cut-off). */
    public boolean hasEvent(String eventId) {
        return eventIds.contains(eventId);
    }

    /** Whether the post is known: a model node or a live post. */
    public boolean knowsPost(String postId) {
        return model.nodeIndex(NodeKind.POST, postId) >= 0 || posts.containsKey(postId);
    }

    public Optional<LivePost> livePost(String id) {
        return Optional.ofNullable(posts.get(id));
    }

    /** Whether applying the listing {@code r} would change anything (the same body again does not). */
    public boolean wouldChange(PostRecord r) {
        return !r.sameListing(listings.get(r.postId()));
    }

    /** A post's status now: as ingest last set it, else the graph's, else ACTIVE. */
    public PostStatus currentStatus(String postId) {
        PostStatus s = statuses.get(postId);
        if (s != null) {
            return s;
        }
        int node = model.nodeIndex(NodeKind.POST, postId);
        PostStatus graph = node < 0 ? null : model.status(node);
        return graph == null ? PostStatus.ACTIVE : graph;
    }

    /** The status ingest set for a post, if it set one. */
    public Optional<PostStatus> status(String postId) {
        return Optional.ofNullable(statuses.get(postId));
    }

    /** A model post is ACTIVE: its ingested status, else the graph's (none: ACTIVE). */
    public boolean isActive(int node) {
        PostStatus s = nodeStatuses.isEmpty() ? null : nodeStatuses.get(node);
        if (s == null) {
            s = model.status(node);
        }
        return s == null || s == PostStatus.ACTIVE;
    }

    public boolean isActive(LivePost post) {
        return statuses.getOrDefault(post.id(), PostStatus.ACTIVE) == PostStatus.ACTIVE;
    }

    public Optional<UserActivity> activity(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** The model nodes among a user's recent engagements, oldest first. */
    public static int[] recentNodes(UserActivity a) {
        return a.recent().stream().mapToInt(UserActivity.Engaged::node).filter(n -> n >= 0).toArray();
    }

    /**
     * The unit-length weighted mean of the vectors a user recently engaged with (weights: the actions'
     * default weights, so a purchase counts ten views), or null when none has a vector.
     */
    public float[] recentVector(UserActivity a) {
        int dim = model.embeddings().dim();
        double[] sum = new double[dim];
        boolean any = false;
        for (UserActivity.Engaged e : a.recent()) {
            double w = e.action().defaultWeight();
            if (e.node() >= 0) {
                addScaledUnit(sum, model.embeddings().vectors(), model.embeddings().offset(e.node()), dim, w);
                any = true;
            } else {
                LivePost p = posts.get(e.livePost());
                if (p != null && p.vector() != null) {
                    addScaledUnit(sum, p.vector(), 0, dim, w);
                    any = true;
                }
            }
        }
        return any ? unit(sum) : null;
    }

    /**
     * Live posts without a vector query: those of followed businesses first (newest first), then the
     * most engaged since the cut-off (trending), then the newest; only those of {@code regions} (empty: all)
     * that {@code accept} passes.
     */
    public List<LivePost> trending(Set<String> followed, int k, Set<Integer> regions, Predicate<LivePost> accept) {
        Comparator<LivePost> order = Comparator
                .comparing((LivePost p) -> !(p.sellerKind() == NodeKind.BUSINESS && followed.contains(p.sellerId())))
                .thenComparing(p -> -engagement.getOrDefault(p.id(), 0.0))
                .thenComparing(p -> -p.createdAtMillis())
                .thenComparing(LivePost::id);
        return inRegions(regions).filter(accept).sorted(order).limit(k).toList();
    }

    /** How many live posts of {@code regions} (empty: all) {@code accept} passes. */
    public int countLivePosts(Set<Integer> regions, Predicate<LivePost> accept) {
        return (int) inRegions(regions).filter(accept).count();
    }

    /**
     * The live posts of {@code regions}, every one when empty. A request for one region used to filter all of
     * them (JFR at 30k live posts: 7 % of the server's samples, in the traversal of the map).
     */
    private java.util.stream.Stream<LivePost> inRegions(Set<Integer> regions) {
        if (regions.isEmpty()) {
            return posts.values().stream();
        }
        return regions.stream().map(byRegion::get).filter(java.util.Objects::nonNull).flatMap(m -> m.values().stream());
    }

    /** Weight of the engagement a live post got since the cut-off (its trending score). */
    public double engagement(String livePostId) {
        return engagement.getOrDefault(livePostId, 0.0);
    }

    /** Live posts of businesses in {@code followed}, newest first. */
    public List<LivePost> ofSellers(Set<String> followed, int k, Predicate<LivePost> accept) {
        if (followed.isEmpty()) {
            return List.of();
        }
        return posts.values().stream()
                .filter(p -> p.sellerKind() == NodeKind.BUSINESS && followed.contains(p.sellerId()) && accept.test(p))
                .sorted(Comparator.comparingLong((LivePost p) -> -p.createdAtMillis()).thenComparing(LivePost::id))
                .limit(k).toList();
    }

    /** Counts for logs and the status endpoint. */
    public String summary() {
        return String.format(Locale.ROOT, "%d live posts (%d searchable), %d status changes, %d users with recent engagement, %d event ids",
                posts.size(), index.liveCount(), statuses.size(), users.size(), eventIds.size());
    }

    public int livePostCount() {
        return posts.size();
    }

    // ---- vectors ----

    private static void addUnit(double[] sum, float[] v, int offset, int dim) {
        addScaledUnit(sum, v, offset, dim, 1.0);
    }

    private static void addScaledUnit(double[] sum, float[] v, int offset, int dim, double w) {
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            norm += (double) v[offset + d] * v[offset + d];
        }
        if (norm == 0) {
            return;
        }
        double scale = w / Math.sqrt(norm);
        for (int d = 0; d < dim; d++) {
            sum[d] += v[offset + d] * scale;
        }
    }

    static float[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] * scale);
        }
        return out;
    }

    /** The unit-length mix {@code (1 - share) * a + share * b} of two unit vectors (the profile and the recent engagement). */
    public static float[] blend(float[] a, int offset, float[] b, double share) {
        double[] sum = new double[b.length];
        addScaledUnit(sum, a, offset, b.length, 1 - share);
        addScaledUnit(sum, b, 0, b.length, share);
        return unit(sum);
    }
}
