package io.marketgraph.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --switch} command-line flags of one main. Unknown flags, missing
 * values and unparseable numbers raise {@link UsageException} naming the flag and the value, which
 * the main turns into exit code 2 with its usage text.
 */
public final class CliFlags {

    /** Bad usage: the main prints the message and its usage, exit 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final boolean help;

    private CliFlags(Map<String, List<String>> values, boolean help) {
        this.values.putAll(values);
        this.help = help;
    }

    /**
     * @param valued   flags that take a value (may repeat, e.g. {@code --weight})
     * @param switches flags without a value
     */
    public static CliFlags parse(String[] args, Set<String> valued, Set<String> switches) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (switches.contains(a)) {
                values.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("flag " + a + " needs a value");
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        return new CliFlags(values, help);
    }

    public boolean help() {
        return help;
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String string(String flag, String fallback) {
        List<String> v = values.get(flag);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    public String required(String flag) {
        String v = string(flag, null);
        if (v == null) {
            throw new UsageException("missing required flag " + flag);
        }
        return v;
    }

    public List<String> all(String flag) {
        return values.getOrDefault(flag, List.of());
    }

    public long longValue(String flag, long fallback) {
        String v = string(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(String.format(Locale.ROOT, "flag %s must be an integer, got '%s'", flag, v));
        }
    }

    public int intValue(String flag, int fallback) {
        long v = longValue(flag, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new UsageException(String.format(Locale.ROOT, "flag %s is out of int range: %d", flag, v));
        }
        return (int) v;
    }

    public double doubleValue(String flag, double fallback) {
        String v = string(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(String.format(Locale.ROOT, "flag %s must be a number, got '%s'", flag, v));
        }
    }
}
