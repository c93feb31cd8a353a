package io.marketgraph.linkpred.retrieval;

import java.util.Arrays;

/** A bounded min-heap keeping the best {@code k} (node, score) pairs; on equal scores the pair offered first stays. */
public final class TopK {
    private final int[] node;
    private final float[] score;
    private int size;

    public TopK(int k) {
        node = new int[Math.max(1, k)];
        score = new float[Math.max(1, k)];
    }

    public boolean wouldAccept(float s) {
        return size < node.length || s > score[0];
    }

    public void offer(int n, float s) {
        if (size < node.length) {
            node[size] = n;
            score[size] = s;
            up(size++);
        } else if (s > score[0]) {
            node[0] = n;
            score[0] = s;
            down();
        }
    }

    public int size() {
        return size;
    }

    public int[] nodes() {
        return Arrays.copyOf(node, size);
    }

    /** The kept pairs, best first (ties by node id). */
    public IvfIndex.Hits hits() {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a]) : Integer.compare(node[a], node[b]));
        int[] nodes = new int[size];
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = node[order[i]];
            scores[i] = score[order[i]];
        }
        return new IvfIndex.Hits(nodes, scores);
    }

    private void up(int i) {
        while (i > 0 && score[(i - 1) / 2] > score[i]) {
            swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private void down() {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int m = i;
            if (l < size && score[l] < score[m]) {
                m = l;
            }
            if (l + 1 < size && score[l + 1] < score[m]) {
                m = l + 1;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int n = node[a];
        node[a] = node[b];
        node[b] = n;
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
