package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.linkpred.metrics.BinaryMetrics;
import java.util.Arrays;

/**
 * The removed edges and the sampled non-edges of an {@link EdgeSplit}, shuffled by seed: the first
 * half trains an edge classifier, the second half tests it (the node2vec paper's protocol).
 *
 * @param pairs  {@code [u0, v0, u1, v1, ...]} in shuffled order
 * @param labels true for a removed edge
 * @param train  the pairs before this index train, the rest test
 */
public record LabelledPairs(int[] pairs, boolean[] labels, int train) {

    public static LabelledPairs shuffled(EdgeSplit split, long seed) {
        int count = split.removed() * 2;
        int[] all = new int[2 * count];
        boolean[] label = new boolean[count];
        System.arraycopy(split.positives(), 0, all, 0, split.positives().length);
        System.arraycopy(split.negatives(), 0, all, split.positives().length, split.negatives().length);
        Arrays.fill(label, 0, split.removed(), true);
        WalkRandom rnd = new WalkRandom().reseed(seed, 202, 0);
        for (int i = count - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int a0 = all[2 * i];
            int a1 = all[2 * i + 1];
            all[2 * i] = all[2 * j];
            all[2 * i + 1] = all[2 * j + 1];
            all[2 * j] = a0;
            all[2 * j + 1] = a1;
            boolean l = label[i];
            label[i] = label[j];
            label[j] = l;
        }
        return new LabelledPairs(all, label, count / 2);
    }

    public int count() {
        return labels.length;
    }

    public int test() {
        return count() - train;
    }

    public int[] testPairs() {
        return Arrays.copyOfRange(pairs, 2 * train, 2 * count());
    }

    public boolean[] testLabels() {
        return Arrays.copyOfRange(labels, train, count());
    }

    /** ROC-AUC on the test half of logistic regression (L2 {@code lambda}) fitted on the train half's features. */
    public double auc(EdgeOperator op, float[] vectors, int dim, double lambda) {
        double[][] x = new double[train][dim];
        boolean[] y = Arrays.copyOf(labels, train);
        for (int i = 0; i < train; i++) {
            op.apply(vectors, dim, pairs[2 * i], pairs[2 * i + 1], x[i]);
        }
        LogisticRegression model = LogisticRegression.fit(x, y, lambda, 25);
        double[] scores = new double[test()];
        double[] row = new double[dim];
        for (int i = 0; i < scores.length; i++) {
            op.apply(vectors, dim, pairs[2 * (train + i)], pairs[2 * (train + i) + 1], row);
            scores[i] = model.score(row);
        }
        return BinaryMetrics.rocAuc(scores, testLabels());
    }
}
