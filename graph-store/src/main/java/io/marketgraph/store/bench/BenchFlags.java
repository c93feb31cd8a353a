package io.marketgraph.store.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Flag parsing of this package's commands: {@code --name value} pairs that their usage text names. */
final class BenchFlags {

    private BenchFlags() {}

    /**
     * The flags by name; {@code null} after {@code --help} printed {@code usage}. A flag the usage
     * does not name, or one without a value, is bad usage: {@link #usageError} (exit 2).
     */
    static Map<String, String> parse(String command, String usage, String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println(usage);
                return null;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length || !usage.contains("  " + args[i] + " ")) {
                usageError(command, usage, "bad flag '" + args[i] + "'");
            }
            flags.put(args[i], args[++i]);
        }
        return flags;
    }

    /** Prints {@code message} and the usage to stderr and exits 2. */
    static void usageError(String command, String usage, String message) {
        System.err.println(command + ": " + message + "\n" + usage);
        System.exit(2);
    }
}
