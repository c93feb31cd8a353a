package io.marketgraph.linkpred.eval;

/** The node2vec paper's binary operators that turn two node vectors into an edge feature. */
public enum EdgeOperator {
    HADAMARD("hadamard"),
    AVERAGE("average"),
    WEIGHTED_L1("weighted_l1"),
    WEIGHTED_L2("weighted_l2");

    private final String key;

    EdgeOperator(String key) {
        this.key = key;
    }

    /** The name in reports ({@code auc.hadamard}). */
    public String key() {
        return key;
    }

    /** Writes the feature of (u, v) into {@code out[0..dim)}. */
    public void apply(float[] vectors, int dim, int u, int v, double[] out) {
        int a = u * dim;
        int b = v * dim;
        for (int k = 0; k < dim; k++) {
            double x = vectors[a + k];
            double y = vectors[b + k];
            out[k] = switch (this) {
                case HADAMARD -> x * y;
                case AVERAGE -> (x + y) / 2;
                case WEIGHTED_L1 -> Math.abs(x - y);
                case WEIGHTED_L2 -> (x - y) * (x - y);
            };
        }
    }
}
