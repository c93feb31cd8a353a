package io.marketgraph.linkpred.split;

import java.util.Locale;

/** How non-links are drawn for a positive (user, target) pair. */
public enum NegativeStrategy {
    /** Any target of the task's kind, uniformly: easy, popularity alone separates many. */
    UNIFORM,
    /** Targets drawn in proportion to their degree: the popularity of negatives matches the positives'. */
    DEGREE,
    /** Targets from the positive's own region or category: the negatives a real ranking must beat. */
    HARD;

    public static NegativeStrategy parse(String value) {
        for (NegativeStrategy s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown negatives '%s': expected uniform, degree or hard", value));
    }
}
