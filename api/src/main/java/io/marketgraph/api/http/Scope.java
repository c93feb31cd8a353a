package io.marketgraph.api.http;

import java.util.Locale;

/** What an API key may call. */
public enum Scope {
    RECS, SEARCH, ADS, INGEST, ADMIN;

    public static Scope parse(String value) {
        for (Scope s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown scope '%s': expected one of recs, search, ads, ingest, admin", value));
    }
}
