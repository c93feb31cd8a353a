package io.marketgraph.linkpred.retrieval;

import io.marketgraph.io.EmbeddingStore;
import java.util.Arrays;
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
        int[] heapNode = new int[k];
        float[] heapScore = new float[k];
        int size = 0;
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            float s = 0;
            int o = i * dim;
            for (int d = 0; d < dim; d++) {
                s += query[queryOffset + d] * unit[o + d];
            }
            if (size == k && s <= heapScore[0]) {
                continue;
            }
            if (excluded.test(t)) {
                continue;
            }
            if (size < k) {
                heapNode[size] = t;
                heapScore[size] = s;
                siftUp(heapNode, heapScore, size++);
            } else {
                heapNode[0] = t;
                heapScore[0] = s;
                siftDown(heapNode, heapScore, size);
            }
        }
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> heapScore[b] != heapScore[a]
                ? Float.compare(heapScore[b], heapScore[a]) : Integer.compare(heapNode[a], heapNode[b]));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = heapNode[order[i]];
        }
        return out;
    }

    private static void siftUp(int[] node, float[] score, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (score[parent] <= score[i]) {
                return;
            }
            swap(node, score, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] node, float[] score, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int min = i;
            if (l < size && score[l] < score[min]) {
                min = l;
            }
            if (r < size && score[r] < score[min]) {
                min = r;
            }
            if (min == i) {
                return;
            }
            swap(node, score, i, min);
            i = min;
        }
    }

    private static void swap(int[] node, float[] score, int a, int b) {
        int n = node[a];
        node[a] = node[b];
        node[b] = n;
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
