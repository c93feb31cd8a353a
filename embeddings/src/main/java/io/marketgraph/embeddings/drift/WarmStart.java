package io.marketgraph.embeddings.drift;

import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramTrainer;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code embed --init PREVIOUS}: the nodes of the new graph matched to the previous store's rows by
 * (kind, external id). Known nodes start training from their old vector; new nodes from word2vec's
 * random start.
 *
 * @param previousRow per new row, the previous store's row, or -1 for a new node
 * @param shared      nodes in both; {@code added} only in the new graph; {@code dropped} only in the previous store
 */
public record WarmStart(EmbeddingStore previous, int[] previousRow, int shared, int added, int dropped) {

    public static WarmStart match(EmbeddingStore previous, NodeTable current) {
        Map<String, Integer> rows = new HashMap<>(previous.count() * 2);
        for (int r = 0; r < previous.count(); r++) {
            rows.put(key(previous.nodes(), r), r);
        }
        int[] map = new int[current.size()];
        int shared = 0;
        for (int v = 0; v < map.length; v++) {
            Integer r = rows.get(key(current, v));
            map[v] = r == null ? -1 : r;
            shared += r == null ? 0 : 1;
        }
        return new WarmStart(previous, map, shared, map.length - shared, previous.count() - shared);
    }

    private static String key(NodeTable nodes, int row) {
        NodeKind kind = nodes.kind(row);
        return kind == null ? nodes.id(row) : kind.name() + ":" + nodes.id(row);
    }

    /** The trainer's starting input vectors: old vectors for known nodes, word2vec's start for the rest. */
    public float[] initialVectors(int dim, long seed) {
        return initialVectors(dim, seed, null);
    }

    /**
     * As {@link #initialVectors(int, long)}, and with {@code graph} a new node with known neighbours
     * starts from their old vectors' weighted mean (the serving layer's fold-in), not from noise.
     */
    public float[] initialVectors(int dim, long seed, CsrGraph graph) {
        check(dim);
        float[] syn0 = SkipGramTrainer.initialVectors(previousRow.length, dim, seed);
        float[] old = previous.vectors();
        FoldIn fold = graph == null ? null : new FoldIn(previous);
        for (int v = 0; v < previousRow.length; v++) {
            if (previousRow[v] >= 0) {
                System.arraycopy(old, previousRow[v] * dim, syn0, v * dim, dim);
            } else if (fold != null) {
                foldIn(graph, v, fold, dim, syn0);
            }
        }
        return syn0;
    }

    private void foldIn(CsrGraph graph, int v, FoldIn fold, int dim, float[] syn0) {
        List<Integer> rows = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int e = graph.offsets()[v]; e < graph.offsets()[v + 1]; e++) {
            int u = graph.neighbours()[e];
            if (previousRow[u] >= 0) {
                rows.add(previousRow[u]);
                weights.add(graph.weighted() ? graph.weights()[e] : 1f);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        float[] mean = fold.fromNeighbours(rows.stream().mapToInt(Integer::intValue).toArray(), toArray(weights));
        System.arraycopy(mean, 0, syn0, v * dim, dim);
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Refuses a previous store of another dimension or without a single shared node. */
    public void check(int dim) {
        if (previous.dim() != dim) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "--init/--align-to: the previous store has dim %d, this run --dim %d; they must match",
                    previous.dim(), dim));
        }
        if (shared == 0) {
            throw new InvalidInputException(
                    "--init/--align-to: no node of the graph is in the previous store (matched by kind and id)");
        }
    }

    /** Pairs (new row, previous row) of the shared nodes, in new-row order. */
    public int[][] pairs() {
        int[] now = new int[shared];
        int[] before = new int[shared];
        int i = 0;
        for (int v = 0; v < previousRow.length; v++) {
            if (previousRow[v] >= 0) {
                now[i] = v;
                before[i++] = previousRow[v];
            }
        }
        return new int[][] {now, before};
    }
}
