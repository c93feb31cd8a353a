package io.marketgraph.model;

import java.util.Locale;

/** The three kinds of node in the marketplace graph. */
public enum NodeKind {
    USER,
    POST,
    BUSINESS;

    /**
     * Parses a kind case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static NodeKind parse(String value) {
        if (value != null) {
            for (NodeKind kind : values()) {
                if (kind.name().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown node kind '%s': expected one of USER, POST, BUSINESS", value));
    }
}
