package io.marketgraph.embeddings.drift;

import io.marketgraph.embeddings.skipgram.SkipGramTrainer;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.util.HashMap;
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
        check(dim);
        float[] syn0 = SkipGramTrainer.initialVectors(previousRow.length, dim, seed);
        float[] old = previous.vectors();
        for (int v = 0; v < previousRow.length; v++) {
            if (previousRow[v] >= 0) {
                System.arraycopy(old, previousRow[v] * dim, syn0, v * dim, dim);
            }
        }
        return syn0;
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
