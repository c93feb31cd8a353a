package io.marketgraph.linkpred.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibration of probabilities against 0/1 outcomes over equal-mass bins (each bin holds the same
 * number of predictions, ordered by score): per bin the mean score and the observed rate, the
 * expected calibration error {@code sum_b (n_b / N) |mean_b - rate_b|}, and the top bin's relative
 * gap {@code (rate - mean) / mean}.
 */
public record Reliability(List<Bin> bins, double ece, long predictions) {

    public record Bin(long count, double meanScore, double observedRate) {}

    public static Reliability of(float[] scores, boolean[] labels, int binCount) {
        int n = scores.length;
        if (labels.length != n || binCount < 1) {
            throw new IllegalArgumentException("need as many labels as scores and >= 1 bin; got " + n + ", " + labels.length + ", " + binCount);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            int from = (int) ((long) n * b / binCount);
            int to = (int) ((long) n * (b + 1) / binCount);
            if (to <= from) {
                continue;
            }
            double sum = 0;
            double hits = 0;
            for (int i = from; i < to; i++) {
                sum += scores[order[i]];
                hits += labels[order[i]] ? 1 : 0;
            }
            Bin bin = new Bin(to - from, sum / (to - from), hits / (to - from));
            bins.add(bin);
            ece += (double) (to - from) / n * Math.abs(bin.meanScore() - bin.observedRate());
        }
        return new Reliability(List.copyOf(bins), n == 0 ? Double.NaN : ece, n);
    }

    /** The mean score over every prediction (what calibration promises the observed rate is). */
    public double meanScore() {
        return bins.stream().mapToDouble(b -> b.count() * b.meanScore()).sum() / predictions;
    }

    /** The observed rate over every prediction. */
    public double observedRate() {
        return bins.stream().mapToDouble(b -> b.count() * b.observedRate()).sum() / predictions;
    }

    /** The highest bin's observed rate relative to its mean score, minus 1 (0 = perfectly calibrated). */
    public double topBinRelativeGap() {
        Bin top = bins.get(bins.size() - 1);
        return top.meanScore() == 0 ? Double.NaN : top.observedRate() / top.meanScore() - 1;
    }
}
