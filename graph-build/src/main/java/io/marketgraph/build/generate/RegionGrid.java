package io.marketgraph.build.generate;

/**
 * Neighbourhoods on a {@code side x side} grid: region {@code r} sits at {@code (r % side, r / side)}.
 * Regions near the centre are denser (more users and businesses), and users mostly act near home:
 * the chance to look at region {@code t} from home {@code h} falls as {@code exp(-distance / reach)}.
 */
final class RegionGrid {

    private final int side;
    private final double reach;
    private final double[] popularity;
    private final double[][] kernel;

    RegionGrid(int side, double reach) {
        this.side = side;
        this.reach = reach;
        int n = side * side;
        double centre = (side - 1) / 2.0;
        double[] weights = new double[n];
        for (int r = 0; r < n; r++) {
            double d = Math.hypot(x(r) - centre, y(r) - centre);
            weights[r] = Math.exp(-d / Math.max(1.0, side / 3.0));
        }
        popularity = Seeds.cumulative(weights);
        kernel = new double[n][];
        for (int h = 0; h < n; h++) {
            double[] w = new double[n];
            for (int t = 0; t < n; t++) {
                w[t] = Math.exp(-distance(h, t) / reach);
            }
            kernel[h] = Seeds.cumulative(w);
        }
    }

    int size() {
        return side * side;
    }

    int x(int region) {
        return region % side;
    }

    int y(int region) {
        return region / side;
    }

    double distance(int a, int b) {
        return Math.hypot(x(a) - x(b), y(a) - y(b));
    }

    /** exp(-distance / reach): 1 at home, about 0.37 one reach away. */
    double nearness(int a, int b) {
        return Math.exp(-distance(a, b) / reach);
    }

    /** A region drawn by density (for homes of users and businesses). */
    int samplePopular(double u) {
        return Seeds.sample(popularity, u);
    }

    /** A region drawn around {@code home} by the distance kernel. */
    int sampleNear(int home, double u) {
        return Seeds.sample(kernel[home], u);
    }

    /** Whether two regions share an edge of the grid. */
    boolean adjacent(int a, int b) {
        return Math.abs(x(a) - x(b)) + Math.abs(y(a) - y(b)) == 1;
    }
}
