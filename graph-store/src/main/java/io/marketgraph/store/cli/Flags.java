package io.marketgraph.store.cli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs of one command line, checked against the flags a command knows. */
final class Flags {

    private final Map<String, String> values = new HashMap<>();

    private Flags() {}

    static Flags parse(String[] args, Set<String> known) throws UsageException {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new UsageException("unknown flag '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("flag " + name + " needs a value");
            }
            if (flags.values.put(name, args[++i]) != null) {
                throw new UsageException("flag " + name + " given twice");
            }
        }
        return flags;
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int getInt(String name, int defaultValue) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be an integer, got '%s'", name, value));
        }
    }

    double getDouble(String name, double defaultValue) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be a number, got '%s'", name, value));
        }
    }

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
