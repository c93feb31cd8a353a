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
        Query q = query(ranked, relevant, k);
        queries++;
        hits += q.hit();
        reciprocalRank += q.reciprocalRank();
        recall += q.recall();
        ndcg += q.ndcg();
    }

    /** One query's metrics at K; {@code hit} is 1 or 0. */
    public record Query(double hit, double reciprocalRank, double recall, double ndcg, int hitsInTopK) {}

    /** The metrics of one query (for per-query statistics such as bootstrap intervals). */
    public static <T> Query query(java.util.List<T> ranked, Set<T> relevant, int k) {
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
        return new Query(found > 0 ? 1 : 0, firstHit, relevant.isEmpty() ? 0 : (double) found / relevant.size(),
                idcg == 0 ? 0 : dcg / idcg, found);
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
