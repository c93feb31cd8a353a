package io.marketgraph.linkpred.calibration;

/**
 * Chooses between isotonic regression and Platt scaling by cross-validated log loss on the
 * calibration rows, then refits the winner on all of them. Isotonic regression is the more flexible
 * map but needs many positives (its steps are the pooled blocks' rates, and it holds its end values
 * past the fitted range); Platt scaling's two parameters do with few. Which one the data supports is
 * what the held-out folds measure. Folds are contiguous blocks of rows: the rows come user by user,
 * so a fold holds whole users, as the served lists do.
 *
 * @param isotonicLogLoss mean held-out log loss of isotonic regression over the folds
 * @param plattLogLoss    the same for Platt scaling (infinite where a fold could not be fit)
 */
public record CalibratorChoice(Calibrator calibrator, double isotonicLogLoss, double plattLogLoss, int folds) {

    public static final int FOLDS = 5;

    /** Probabilities are clamped to [EPS, 1 - EPS] in the log loss, so one step at rate 0 costs a bounded amount. */
    private static final double EPS = 1e-6;

    public static CalibratorChoice fit(float[] raw, boolean[] labels) {
        int n = raw.length;
        if (n < FOLDS) {
            return new CalibratorChoice(IsotonicCalibrator.fit(raw, labels), Double.NaN, Double.NaN, 0);
        }
        double isotonic = 0;
        double platt = 0;
        for (int f = 0; f < FOLDS; f++) {
            int from = (int) ((long) f * n / FOLDS);
            int to = (int) ((long) (f + 1) * n / FOLDS);
            float[] fitRaw = new float[n - (to - from)];
            boolean[] fitY = new boolean[fitRaw.length];
            for (int i = 0, j = 0; i < n; i++) {
                if (i < from || i >= to) {
                    fitRaw[j] = raw[i];
                    fitY[j++] = labels[i];
                }
            }
            isotonic += logLoss(IsotonicCalibrator.fit(fitRaw, fitY), raw, labels, from, to);
            platt += plattLogLoss(fitRaw, fitY, raw, labels, from, to);
        }
        isotonic /= n;
        platt /= n;
        Calibrator chosen = platt < isotonic ? PlattCalibrator.fit(raw, labels) : IsotonicCalibrator.fit(raw, labels);
        return new CalibratorChoice(chosen, isotonic, platt, FOLDS);
    }

    private static double plattLogLoss(float[] fitRaw, boolean[] fitY, float[] raw, boolean[] labels, int from, int to) {
        try {
            return logLoss(PlattCalibrator.fit(fitRaw, fitY), raw, labels, from, to);
        } catch (IllegalArgumentException e) {
            return Double.POSITIVE_INFINITY;  // no increasing fit on this fold (a ranker that orders nothing)
        }
    }

    /** The summed log loss of rows [from, to). */
    private static double logLoss(Calibrator c, float[] raw, boolean[] labels, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double p = Math.min(1 - EPS, Math.max(EPS, c.apply(raw[i])));
            sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum;
    }
}
