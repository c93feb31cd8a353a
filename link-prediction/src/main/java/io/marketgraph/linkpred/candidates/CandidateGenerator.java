package io.marketgraph.linkpred.candidates;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.linkpred.retrieval.TopK;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The first stage: every {@link CandidateSource} proposes up to its budget of posts the user has
 * not engaged with (and that pass the caller's filter), merged into one {@link CandidateSet}.
 * Deterministic: ties go to the lower node id. Thread-safe (scratch arrays are per thread).
 */
public final class CandidateGenerator {

    /** History posts (strongest first) that seed the item-item walk. */
    static final int HISTORY = 30;
    /** Users with fewer history posts than this also get fold-in candidates. */
    static final int LITTLE_HISTORY = 5;
    /** A post with more users than this is a hub: the walk skips it (it says little about taste). */
    static final int HUB = 2000;
    static final int NPROBE = 16;

    private final MarketContext ctx;
    private final Map<CandidateSource, Integer> budgets;
    private final ThreadLocal<float[]> scratch;

    public CandidateGenerator(MarketContext ctx, Map<CandidateSource, Integer> budgets) {
        this.ctx = ctx;
        this.budgets = new EnumMap<>(budgets);
        this.scratch = ThreadLocal.withInitial(() -> new float[ctx.nodes().size()]);
    }

    public static Map<CandidateSource, Integer> defaultBudgets() {
        Map<CandidateSource, Integer> b = new EnumMap<>(CandidateSource.class);
        for (CandidateSource s : CandidateSource.values()) {
            b.put(s, s.defaultBudget());
        }
        return b;
    }

    public MarketContext context() {
        return ctx;
    }

    public int budget(CandidateSource source) {
        return budgets.getOrDefault(source, 0);
    }

    /** A user's history: posts and their (time-decayed) weights, strongest first. */
    public record History(int[] posts, float[] weights, int[] businesses, float[] businessWeights) {
        public boolean isEmpty() {
            return posts.length == 0 && businesses.length == 0;
        }
    }

    /** The history of a known user from the training graph; {@code recent} ids (weight 1 each) for a user it does not know. */
    public History history(int user, int[] recent) {
        if (user < 0 || ctx.graph().degree(user) == 0) {
            List<Integer> posts = new ArrayList<>();
            List<Integer> businesses = new ArrayList<>();
            for (int r : recent) {
                (ctx.nodes().kind(r) == NodeKind.POST ? posts : businesses).add(r);
            }
            return new History(ints(posts), ones(posts.size()), ints(businesses), ones(businesses.size()));
        }
        CsrGraph g = ctx.graph();
        TopK posts = new TopK(g.degree(user));
        TopK businesses = new TopK(g.degree(user));
        for (int i = g.offsets()[user]; i < g.offsets()[user + 1]; i++) {
            int t = g.neighbours()[i];
            NodeKind kind = ctx.nodes().kind(t);
            if (kind == NodeKind.POST) {
                posts.offer(t, ctx.weight(i));
            } else if (kind == NodeKind.BUSINESS) {
                businesses.offer(t, ctx.weight(i));
            }
        }
        return new History(posts.hits().nodes(), posts.hits().scores(), businesses.hits().nodes(), businesses.hits().scores());
    }

    /** Candidates for {@code user} (-1 when unknown) with that history, each passing {@code accept}. */
    public CandidateSet generate(int user, History history, IntPredicate accept) {
        IntPredicate ok = t -> accept.test(t) && !ctx.engaged(user, t);
        CandidateSet set = new CandidateSet();
        for (CandidateSource source : CandidateSource.values()) {
            int budget = budget(source);
            if (budget <= 0) {
                continue;
            }
            TopK top = switch (source) {
                case ANN -> ann(user, budget, ok);
                case COENGAGEMENT -> coEngagement(history, budget, ok);
                case VIEWED -> viewed(history, budget, ok);
                case REGIONAL -> list(ctx.regionalTop(homeRegion(user, history)), budget, ok);
                case POPULAR -> list(ctx.globalTop(), budget, ok);
                case FOLLOWED -> followed(history, budget, ok);
                case FOLD_IN -> history.posts().length < LITTLE_HISTORY ? foldIn(history, budget, ok) : null;
            };
            if (top == null) {
                continue;
            }
            int[] nodes = top.hits().nodes();
            float[] scores = top.hits().scores();
            for (int i = 0; i < nodes.length; i++) {
                set.add(nodes[i], source, i + 1, scores[i]);
            }
        }
        return set;
    }

    private TopK ann(int user, int budget, IntPredicate ok) {
        if (user < 0 || ctx.graph().degree(user) == 0 || ctx.postAnn().size() == 0) {
            return null;
        }
        return fromHits(ctx.postAnn().search(ctx.embeddings().vectors(), ctx.embeddings().offset(user), budget, NPROBE, ok), budget);
    }

    private TopK foldIn(History h, int budget, IntPredicate ok) {
        if (h.posts().length == 0 || ctx.postAnn().size() == 0) {
            return null;
        }
        float[] v = ctx.foldIn().fromNeighbours(h.posts(), h.weights());
        int[] seen = h.posts();
        return fromHits(ctx.postAnn().search(v, 0, budget, NPROBE, t -> ok.test(t) && !contains(seen, t)), budget);
    }

    /** Item-item cosine on the weighted user x post matrix, summed over the history weighted by the user's weights. */
    private TopK coEngagement(History h, int budget, IntPredicate ok) {
        CsrGraph g = ctx.graph();
        float[] acc = scratch.get();
        List<Integer> touched = new ArrayList<>();
        for (int hp = 0; hp < Math.min(HISTORY, h.posts().length); hp++) {
            int p = h.posts()[hp];
            if (g.degree(p) > HUB || ctx.norm(p) == 0) {
                continue;
            }
            float wu = h.weights()[hp] / ctx.norm(p);
            for (int i = g.offsets()[p]; i < g.offsets()[p + 1]; i++) {
                int v = g.neighbours()[i];
                if (ctx.nodes().kind(v) != NodeKind.USER) {
                    continue;
                }
                float wvp = wu * ctx.weight(i);
                for (int j = g.offsets()[v]; j < g.offsets()[v + 1]; j++) {
                    int q = g.neighbours()[j];
                    if (q != p && ctx.nodes().kind(q) == NodeKind.POST) {
                        if (acc[q] == 0) {
                            touched.add(q);
                        }
                        acc[q] += wvp * ctx.weight(j);
                    }
                }
            }
        }
        TopK top = new TopK(budget);
        for (int q : touched) {
            float s = acc[q] / ctx.norm(q);
            acc[q] = 0;
            if (ok.test(q) && top.wouldAccept(s)) {
                top.offer(q, s);
            }
        }
        return top;
    }

    private static TopK viewed(History h, int budget, IntPredicate ok) {
        TopK top = new TopK(budget);
        for (int i = 0; i < h.posts().length; i++) {
            if (ok.test(h.posts()[i])) {
                top.offer(h.posts()[i], h.weights()[i]);
            }
        }
        return top;
    }

    private TopK list(int[] ranked, int budget, IntPredicate ok) {
        TopK top = new TopK(budget);
        for (int i = 0; i < ranked.length && top.size() < budget; i++) {
            if (ok.test(ranked[i])) {
                top.offer(ranked[i], ctx.popularity(ranked[i]));
            }
        }
        return top;
    }

    /** Posts listed by the businesses in the history: score = the user's weight on the business. */
    private TopK followed(History h, int budget, IntPredicate ok) {
        CsrGraph g = ctx.graph();
        TopK top = new TopK(budget);
        for (int b = 0; b < h.businesses().length; b++) {
            int business = h.businesses()[b];
            for (int i = g.offsets()[business]; i < g.offsets()[business + 1]; i++) {
                int p = g.neighbours()[i];
                if (ctx.nodes().kind(p) == NodeKind.POST && ok.test(p)) {
                    // the newest listings have little engagement yet: small popularity breaks ties upwards
                    top.offer(p, h.businessWeights()[b] + 1f / (2f + ctx.popularity(p)));
                }
            }
        }
        return top;
    }

    private int homeRegion(int user, History h) {
        if (user >= 0 && ctx.nodes().region(user) >= 0) {
            return ctx.nodes().region(user);
        }
        return h.posts().length > 0 ? ctx.nodes().region(h.posts()[0]) : -1;
    }

    private static TopK fromHits(io.marketgraph.linkpred.retrieval.IvfIndex.Hits hits, int budget) {
        TopK top = new TopK(budget);
        for (int i = 0; i < hits.nodes().length; i++) {
            top.offer(hits.nodes()[i], hits.scores()[i]);
        }
        return top;
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
