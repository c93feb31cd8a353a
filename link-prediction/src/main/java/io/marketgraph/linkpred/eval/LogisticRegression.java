package io.marketgraph.linkpred.eval;

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method
 * (Cholesky solve of the Hessian): deterministic, no learning rate to tune. Minimises
 * {@code sum(logloss) + lambda/2 * |w|^2}; the intercept is not regularised.
 */
public final class LogisticRegression {

    private final double[] mean;
    private final double[] scale;
    private final double[] w; // w[0] = intercept

    private LogisticRegression(double[] mean, double[] scale, double[] w) {
        this.mean = mean;
        this.scale = scale;
        this.w = w;
    }

    /** Fits rows {@code x[i]} (all of length d) with labels {@code y[i]}. */
    public static LogisticRegression fit(double[][] x, boolean[] y, double lambda, int maxIterations) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                double c = row[k] - mean[k];
                scale[k] += c * c;
            }
        }
        for (int k = 0; k < d; k++) {
            double sd = Math.sqrt(scale[k] / n);
            scale[k] = sd > 1e-12 ? 1 / sd : 0;
        }
        int p = d + 1;
        double[] w = new double[p];
        double[] z = new double[p];
        for (int it = 0; it < maxIterations; it++) {
            double[] grad = new double[p];
            double[] hess = new double[p * p];
            for (int i = 0; i < n; i++) {
                z[0] = 1;
                for (int k = 0; k < d; k++) {
                    z[k + 1] = (x[i][k] - mean[k]) * scale[k];
                }
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += w[k] * z[k];
                }
                double prob = 1 / (1 + Math.exp(-s));
                double r = prob - (y[i] ? 1 : 0);
                double h = Math.max(prob * (1 - prob), 1e-10);
                for (int a = 0; a < p; a++) {
                    grad[a] += r * z[a];
                    double hz = h * z[a];
                    int row = a * p;
                    for (int b = a; b < p; b++) {
                        hess[row + b] += hz * z[b];
                    }
                }
            }
            for (int a = 1; a < p; a++) {
                grad[a] += lambda * w[a];
                hess[a * p + a] += lambda;
            }
            hess[0] += 1e-9;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    hess[a * p + b] = hess[b * p + a];
                }
            }
            double[] step = Cholesky.solve(hess, grad, p);
            double change = 0;
            for (int k = 0; k < p; k++) {
                w[k] -= step[k];
                change = Math.max(change, Math.abs(step[k]));
            }
            if (change < 1e-6) {
                break;
            }
        }
        return new LogisticRegression(mean, scale, w);
    }

    /** The decision value (log-odds) of {@code row}. */
    public double score(double[] row) {
        double s = w[0];
        for (int k = 0; k < mean.length; k++) {
            s += w[k + 1] * (row[k] - mean[k]) * scale[k];
        }
        return s;
    }
}
