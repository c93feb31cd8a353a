package io.marketgraph.linkpred.candidates;

import java.util.Locale;

/**
 * Where a recommended post comes from (two-stage retrieval: each source proposes up to its budget,
 * the union is ranked). The order is the merge order and the order of the ranker's features.
 */
public enum CandidateSource {
    /** Nearest posts to the user's node2vec vector (IVF index). */
    ANN(100),
    /** Item-item: posts co-engaged (by other users) with the posts of the user's history, cosine on the weighted user x post matrix. */
    COENGAGEMENT(100),
    /** Posts the user viewed (or otherwise touched) before but has not engaged with: re-engagement. */
    VIEWED(50),
    /** The most engaged posts of the user's home region, by recency-weighted (time-decayed) engagement. */
    REGIONAL(50),
    /** The most engaged posts overall, recency-weighted. */
    POPULAR(50),
    /** Posts listed by the businesses the user follows or clicked. */
    FOLLOWED(50),
    /** Nearest posts to the weighted mean vector of the history's posts, for users with little history. */
    FOLD_IN(50);

    private final int defaultBudget;

    CandidateSource(int defaultBudget) {
        this.defaultBudget = defaultBudget;
    }

    public int defaultBudget() {
        return defaultBudget;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
