package io.marketgraph.linkpred.retrieval;

import io.marketgraph.io.EmbeddingStore;
import java.util.function.IntPredicate;

/**
 * Exact top-K targets for a query vector by cosine similarity: a full scan over unit-normalized
 * target vectors with a bounded min-heap. The reference an ANN index is measured against, and
 * the candidate generator of offline evaluation. Thread-safe after construction.
 */
public final class ExactTopK {

    private final int[] targets;
    private final float[] unit;
    private final int dim;

    public ExactTopK(EmbeddingStore embeddings, int[] targets) {
        this.targets = targets.clone();
        this.dim = embeddings.dim();
        this.unit = new float[targets.length * dim];
        float[] vec = embeddings.vectors();
        for (int i = 0; i < targets.length; i++) {
            double norm = 0;
            int o = targets[i] * dim;
            for (int d = 0; d < dim; d++) {
                norm += vec[o + d] * vec[o + d];
            }
            float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dim; d++) {
                unit[i * dim + d] = vec[o + d] * inv;
            }
        }
    }

    /** The {@code k} best targets for {@code query} (any scale), best first, skipping excluded ones. */
    public int[] search(float[] query, int queryOffset, int k, IntPredicate excluded) {
        TopK top = new TopK(k);
        for (int i = 0; i < targets.length; i++) {
            float s = IvfIndex.dot(query, queryOffset, unit, i * dim, dim);
            if (top.wouldAccept(s) && !excluded.test(targets[i])) {
                top.offer(targets[i], s);
            }
        }
        return top.hits().nodes();
    }
}
