package io.marketgraph.linkpred.ranker;

import io.marketgraph.linkpred.candidates.CandidateGenerator.History;
import io.marketgraph.linkpred.candidates.CandidateSet;
import io.marketgraph.linkpred.candidates.CandidateSource;
import io.marketgraph.linkpred.candidates.MarketContext;
import io.marketgraph.linkpred.model.FeatureMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranker's features of a user's candidates, the same in training and serving: per source its
 * score and reciprocal rank (0 where it did not propose the post) and how many sources did;
 * recency-weighted popularity and the post's number of engaged users; the history's size; same home
 * region and the history's share of weight in the post's region (a learnt region distance) and
 * category (category affinity); embedding cosine; the user's weight on the business that listed the
 * post (follows). Post status is left out on purpose: the graph's status is the one at build time,
 * after the evaluated period, so training on it would leak (the API filters on it instead).
 */
public final class RankerFeatures {

    public static final List<String> NAMES = names();

    private final MarketContext ctx;

    public RankerFeatures(MarketContext ctx) {
        this.ctx = ctx;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (CandidateSource s : CandidateSource.values()) {
            n.add(s.key() + "_score");
            n.add(s.key() + "_rrank");
        }
        n.addAll(List.of("sources", "popularity", "post_users", "history_size", "same_region", "region_share",
                "category_share", "cosine", "follows_lister"));
        return List.copyOf(n);
    }

    public FeatureMatrix features(int user, History history, CandidateSet set) {
        int cols = NAMES.size();
        float[] x = new float[set.size() * cols];
        Map<Integer, Float> byRegion = new HashMap<>();
        Map<Integer, Float> byCategory = new HashMap<>();
        float total = 0;
        for (int i = 0; i < history.posts().length; i++) {
            int p = history.posts()[i];
            float w = history.weights()[i];
            byRegion.merge(ctx.nodes().region(p), w, Float::sum);
            byCategory.merge(ctx.nodes().category(p), w, Float::sum);
            total += w;
        }
        Map<Integer, Float> follows = new HashMap<>();
        for (int i = 0; i < history.businesses().length; i++) {
            follows.put(history.businesses()[i], history.businessWeights()[i]);
        }
        int home = user >= 0 ? ctx.nodes().region(user) : -1;
        boolean hasVector = user >= 0 && ctx.graph().degree(user) > 0;
        float historySize = (float) Math.log1p(history.posts().length);
        for (int r = 0; r < set.size(); r++) {
            int q = set.node(r);
            int c = r * cols;
            int sources = 0;
            for (CandidateSource s : CandidateSource.values()) {
                int rank = set.rank(r, s);
                x[c++] = set.score(r, s);
                x[c++] = rank == 0 ? 0f : 1f / rank;
                sources += rank == 0 ? 0 : 1;
            }
            x[c++] = sources;
            x[c++] = (float) Math.log1p(ctx.popularity(q));
            x[c++] = (float) Math.log1p(ctx.graph().degree(q));
            x[c++] = historySize;
            x[c++] = home >= 0 && home == ctx.nodes().region(q) ? 1f : 0f;
            x[c++] = total == 0 ? 0f : byRegion.getOrDefault(ctx.nodes().region(q), 0f) / total;
            x[c++] = total == 0 ? 0f : byCategory.getOrDefault(ctx.nodes().category(q), 0f) / total;
            x[c++] = hasVector ? (float) ctx.normed().cosine(user, q) : 0f;
            int lister = ctx.lister(q);
            x[c] = lister < 0 ? 0f : (float) Math.log1p(follows.getOrDefault(lister, 0f));
        }
        return new FeatureMatrix(x, set.size(), NAMES);
    }
}
