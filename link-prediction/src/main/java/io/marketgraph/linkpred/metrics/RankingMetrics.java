package io.marketgraph.linkpred.metrics;

import java.util.Locale;
import java.util.Set;

/**
 * Retrieval metrics over queries (users), each with a ranked candidate list and the set of items it
 * really engaged with. Binary relevance. Queries without any relevant item are not counted (they
 * cannot be ranked well or badly); {@link #queries()} says how many were.
 *
 * <ul>
 *   <li>Hits@K: share of queries with at least one relevant item in the top K;</li>
 *   <li>MRR: mean of 1 / rank of the first relevant item (0 if none is ranked);</li>
 *   <li>Recall@K: relevant items in the top K / relevant items;</li>
 *   <li>NDCG@K: DCG with gain 1 / log2(rank + 1), divided by the ideal DCG of min(|relevant|, K) hits.</li>
 * </ul>
 */
public final class RankingMetrics {

    private final int k;
    private long queries;
    private double hits;
    private double reciprocalRank;
    private double recall;
    private double ndcg;

    public RankingMetrics(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        this.k = k;
    }

    /** Adds one query: {@code ranked} best first, {@code relevant} the items that count as hits. */
    public <T> void add(java.util.List<T> ranked, Set<T> relevant) {
        if (relevant.isEmpty()) {
            return;
        }
        queries++;
        int found = 0;
        double dcg = 0;
        double firstHit = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) {
                if (firstHit == 0) {
                    firstHit = 1.0 / (i + 1);
                }
                if (i < k) {
                    found++;
                    dcg += 1.0 / log2(i + 2);
                }
            }
        }
        double idcg = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            idcg += 1.0 / log2(i + 2);
        }
        hits += found > 0 ? 1 : 0;
        reciprocalRank += firstHit;
        recall += (double) found / relevant.size();
        ndcg += dcg / idcg;
    }

    public int k() {
        return k;
    }

    public long queries() {
        return queries;
    }

    public double hitsAtK() {
        return mean(hits);
    }

    public double mrr() {
        return mean(reciprocalRank);
    }

    public double recallAtK() {
        return mean(recall);
    }

    public double ndcgAtK() {
        return mean(ndcg);
    }

    private double mean(double sum) {
        return queries == 0 ? Double.NaN : sum / queries;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "queries=%d hits@%d=%.4f mrr=%.4f recall@%d=%.4f ndcg@%d=%.4f",
                queries, k, hitsAtK(), mrr(), k, recallAtK(), k, ndcgAtK());
    }
}
