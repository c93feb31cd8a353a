package io.marketgraph.linkpred.model;

import java.util.List;
import java.util.Locale;

/**
 * A dense row-major feature matrix with named columns: one row per (source, target) pair.
 *
 * @param values {@code rows × names.size()} floats, row-major
 * @param names  column names, in order (they travel with a saved model so a scorer can check them)
 */
public record FeatureMatrix(float[] values, int rows, List<String> names) {

    public FeatureMatrix {
        names = List.copyOf(names);
        if ((long) rows * names.size() != values.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "feature matrix has %d values, expected %d rows x %d columns", values.length, rows, names.size()));
        }
    }

    public int cols() {
        return names.size();
    }

    public float get(int row, int col) {
        return values[row * names.size() + col];
    }
}
