package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.WalkRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The node2vec paper's link-prediction split: remove a fraction of the edges at random while the
 * residual graph keeps every connected component connected (a random spanning forest is never
 * removed), and sample as many node pairs that are not edges of the original graph as negatives.
 * Deterministic by seed.
 *
 * @param residual  the undirected graph without the removed edges
 * @param positives removed edges as {@code [u0, v0, u1, v1, ...]}
 * @param negatives sampled non-edges in the same layout
 * @param requested edges the fraction asked for
 */
public record EdgeSplit(CsrGraph residual, int[] positives, int[] negatives, long requested) {

    public int removed() {
        return positives.length / 2;
    }

    public static EdgeSplit split(CsrGraph graph, double fraction, long seed) {
        if (graph.directed()) {
            throw new IllegalArgumentException("link-prediction split needs an undirected graph");
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
        }
        int n = graph.nodeCount();
        int m = (int) graph.edgeCount();
        int[] us = new int[m];
        int[] vs = new int[m];
        int e = 0;
        for (int u = 0; u < n; u++) {
            for (int i = graph.offsets()[u]; i < graph.offsets()[u + 1]; i++) {
                int v = graph.neighbours()[i];
                if (u < v) {
                    us[e] = u;
                    vs[e++] = v;
                }
            }
        }
        WalkRandom rnd = new WalkRandom().reseed(seed, 101, 0);
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // random spanning forest: Kruskal over the shuffled edges
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        boolean[] tree = new boolean[m];
        for (int k = 0; k < m; k++) {
            int edge = order[k];
            int a = find(parent, us[edge]);
            int b = find(parent, vs[edge]);
            if (a != b) {
                parent[a] = b;
                tree[edge] = true;
            }
        }
        long requested = (long) Math.floor(m * fraction);
        boolean[] removed = new boolean[m];
        int[] positives = new int[(int) (2 * requested)];
        int taken = 0;
        for (int k = 0; k < m && taken < requested; k++) {
            int edge = order[k];
            if (!tree[edge]) {
                removed[edge] = true;
                positives[2 * taken] = us[edge];
                positives[2 * taken + 1] = vs[edge];
                taken++;
            }
        }
        positives = Arrays.copyOf(positives, 2 * taken);
        int[] negatives = sampleNonEdges(graph, taken, rnd);
        int[] rs = new int[m - taken];
        int[] rd = new int[m - taken];
        int r = 0;
        for (int k = 0; k < m; k++) {
            if (!removed[k]) {
                rs[r] = us[k];
                rd[r++] = vs[k];
            }
        }
        String[] ids = new String[n];
        Arrays.fill(ids, "");
        CsrGraph residual = io.marketgraph.embeddings.graph.CsrBuilder.build(
                new io.marketgraph.io.EdgeList(n, rs, rd, null, ids), false).graph();
        return new EdgeSplit(residual, positives, negatives, requested);
    }

    private static int[] sampleNonEdges(CsrGraph graph, int count, WalkRandom rnd) {
        int n = graph.nodeCount();
        long possible = (long) n * (n - 1) / 2 - graph.edgeCount();
        if (possible < count) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "graph has only %d non-edges, cannot sample %d negatives", possible, count));
        }
        Set<Long> seen = new HashSet<>(count * 2);
        int[] out = new int[2 * count];
        int k = 0;
        while (k < count) {
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n);
            if (u == v || graph.hasEdge(u, v)) {
                continue;
            }
            int a = Math.min(u, v);
            int b = Math.max(u, v);
            if (seen.add(((long) a << 32) | b)) {
                out[2 * k] = a;
                out[2 * k + 1] = b;
                k++;
            }
        }
        return out;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
