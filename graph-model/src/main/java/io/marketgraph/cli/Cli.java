package io.marketgraph.cli;

import io.marketgraph.io.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs one command of {@code bin/marketgraph}: parses {@code args} into a picocli options object,
 * answers {@code --help} (generated from the option declarations, defaults included), then runs the
 * body. Exit codes follow DESIGN.md:
 * <ul>
 *   <li>0: {@code --help}, or whatever the body returns;</li>
 *   <li>2: bad usage (an unknown flag, a value that does not parse, a missing input path): one line on
 *       stderr naming the flag and the value, no stack trace, and nothing heavy has started;</li>
 *   <li>3: {@link InvalidInputException} out of the body (the input was rejected);</li>
 *   <li>1: any other failure (with its stack trace, for a bug report).</li>
 * </ul>
 * An options class declares its flags with {@code @Option} (default in {@code defaultValue}, never in
 * the description) and may implement {@link Checked} for rules that span flags; it never prints.
 */
public final class Cli {

    /** Options with rules beyond one flag's type; called after parsing, before the body. */
    public interface Checked {
        /** @throws UsageException naming the flag and the value */
        void check();
    }

    /** The work of a command once its options are valid; returns the exit code. */
    @FunctionalInterface
    public interface Body<T> {
        int run(T options) throws Exception;
    }

    private Cli() {}

    public static <T> int run(String name, T options, String[] args, Body<T> body) {
        return run(name, options, args, System.out, System.err, body);
    }

    public static <T> int run(String name, T options, String[] args, PrintStream out, PrintStream err, Body<T> body) {
        CommandLine cmd = commandLine(name, options);
        try {
            cmd.parseArgs(args);
            if (cmd.isUsageHelpRequested()) {
                cmd.usage(out);
                return 0;
            }
            if (options instanceof Checked c) {
                c.check();
            }
        } catch (ParameterException e) {
            // an unknown flag is the likelier mistake: name it before a required flag it may have misspelt
            java.util.List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
            return usageError(name, unmatched.isEmpty() || e instanceof CommandLine.UnmatchedArgumentException ? e.getMessage()
                    : new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched).getMessage(), err);
        } catch (UsageException e) {
            return usageError(name, e.getMessage(), err);
        }
        try {
            return body.run(options);
        } catch (UsageException e) {
            return usageError(name, e.getMessage(), err);
        } catch (InvalidInputException e) {
            err.println(name + ": input rejected: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println(name + ": failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The picocli command line of {@code options}, as {@link #run} parses it (for usage text in tests and docs). */
    public static CommandLine commandLine(String name, Object options) {
        CommandLine cmd = new CommandLine(options);
        cmd.setCommandName("bin/marketgraph " + name);
        cmd.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("this text").build());
        cmd.getCommandSpec().usageMessage().showDefaultValues(true).width(110).autoWidth(false);
        cmd.setOverwrittenOptionsAllowed(true);        // the last of a repeated flag wins, as shells expect
        cmd.setCaseInsensitiveEnumValuesAllowed(true); // --format word2vec or WORD2VEC
        cmd.registerConverter(Integer.class, s -> number(s, "an integer", Integer::valueOf));
        cmd.registerConverter(Integer.TYPE, s -> number(s, "an integer", Integer::valueOf));
        cmd.registerConverter(Long.class, s -> number(s, "an integer", Long::valueOf));
        cmd.registerConverter(Long.TYPE, s -> number(s, "an integer", Long::valueOf));
        cmd.registerConverter(Double.class, s -> number(s, "a number", Double::valueOf));
        cmd.registerConverter(Double.TYPE, s -> number(s, "a number", Double::valueOf));
        cmd.registerConverter(Float.class, s -> number(s, "a number", Float::valueOf));
        cmd.registerConverter(Float.TYPE, s -> number(s, "a number", Float::valueOf));
        return cmd;
    }

    /**
     * {@code path} when it exists.
     *
     * @throws UsageException "FLAG PATH: no such file or directory" (exit 2)
     */
    public static Path existing(Path path, String flag) {
        if (path != null && !Files.exists(path)) {
            throw new UsageException(flag + " " + path + ": no such file or directory");
        }
        return path;
    }

    /** @throws UsageException with {@code String.format(format, args)} unless {@code ok} */
    public static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new UsageException(String.format(java.util.Locale.ROOT, format, args));
        }
    }

    private static int usageError(String name, String message, PrintStream err) {
        err.println(name + ": " + message.strip().replace('\n', ' ') + " (bin/marketgraph " + name + " --help lists the flags)");
        return 2;
    }

    /** Parses a number; 20_000 reads as 20000, as Java literals do. */
    private static <N> N number(String text, String what, java.util.function.Function<String, N> parse) {
        try {
            return parse.apply(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not " + what);
        }
    }
}
