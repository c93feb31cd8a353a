package io.marketgraph.embeddings.cli;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Typed access to parsed {@code --name value} flags, remembering which were read. */
final class Flags {

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    Flags(Map<String, String> values) {
        this.values = values;
        read.add("help");
        read.add("directed");
        read.add("spark");
        read.add("materialize-walks");
    }

    String value(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        read.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new EmbedOptions.UsageException("missing required flag --" + name);
        }
        return v;
    }

    int intValue(String name, int fallback) {
        String v = value(name, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new EmbedOptions.UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = value(name, null);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new EmbedOptions.UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    double doubleValue(String name, double fallback) {
        String v = value(name, null);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new EmbedOptions.UsageException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new EmbedOptions.UsageException("unknown flag --" + name);
            }
        }
    }
}
