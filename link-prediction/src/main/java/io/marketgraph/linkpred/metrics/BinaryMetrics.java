package io.marketgraph.linkpred.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Threshold-free metrics of a scored binary sample: ROC-AUC (ties count one half, as in the
 * Mann-Whitney U statistic and scikit-learn's roc_auc_score), PR-AUC as average precision (as
 * scikit-learn's average_precision_score), and the curves for plotting.
 */
public final class BinaryMetrics {

    /** One point of a curve. */
    public record Point(double x, double y) {}

    private BinaryMetrics() {}

    public static double rocAuc(float[] scores, boolean[] labels) {
        return rocAuc(widen(scores), labels);
    }

    public static double rocAuc(double[] scores, boolean[] labels) {
        check(scores, labels);
        Integer[] order = order(scores);
        long positives = count(labels);
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ROC-AUC needs both classes, got %d positives and %d negatives", positives, negatives));
        }
        // Sum of the positives' ranks (1-based, ascending score, ties get their average rank).
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: the mean of precision at each positive, walking down the scores (tied scores as one step). */
    public static double averagePrecision(float[] scores, boolean[] labels) {
        return averagePrecision(widen(scores), labels);
    }

    public static double averagePrecision(double[] scores, boolean[] labels) {
        check(scores, labels);
        long positives = count(labels);
        if (positives == 0) {
            throw new IllegalArgumentException("average precision needs at least one positive");
        }
        Integer[] order = order(scores);
        double ap = 0;
        long tp = 0;
        long seen = 0;
        double lastRecall = 0;
        for (int i = order.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                seen++;
                if (labels[order[k]]) {
                    tp++;
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - lastRecall) * ((double) tp / seen);
            lastRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    /** ROC curve points (false positive rate, true positive rate), from (0,0) to (1,1). */
    public static List<Point> rocCurve(float[] scores, boolean[] labels) {
        double[] d = widen(scores);
        check(d, labels);
        long positives = count(labels);
        long negatives = labels.length - positives;
        Integer[] order = order(d);
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0));
        long tp = 0;
        long fp = 0;
        for (int i = order.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && d[order[j - 1]] == d[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                if (labels[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            points.add(new Point(negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives));
            i = j - 1;
        }
        return points;
    }

    /** Precision-recall curve points (recall, precision), one per distinct score. */
    public static List<Point> prCurve(float[] scores, boolean[] labels) {
        double[] d = widen(scores);
        check(d, labels);
        long positives = count(labels);
        Integer[] order = order(d);
        List<Point> points = new ArrayList<>();
        long tp = 0;
        long seen = 0;
        for (int i = order.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && d[order[j - 1]] == d[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                seen++;
                if (labels[order[k]]) {
                    tp++;
                }
            }
            points.add(new Point(positives == 0 ? 0 : (double) tp / positives, (double) tp / seen));
            i = j - 1;
        }
        return points;
    }

    private static double[] widen(float[] scores) {
        double[] d = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            d[i] = scores[i];
        }
        return d;
    }

    private static Integer[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static long count(boolean[] labels) {
        long n = 0;
        for (boolean label : labels) {
            if (label) {
                n++;
            }
        }
        return n;
    }

    private static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d scores for %d labels", scores.length, labels.length));
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }
}
