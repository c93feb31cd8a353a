package io.marketgraph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Opens text inputs that are either one file or a directory of part files (as Spark writes them),
 * gzip or plain, decided by the {@code .gz} suffix.
 */
public final class TextFiles {

    private TextFiles() {}

    /**
     * The data files of {@code path}: itself if it is a file, else its non-hidden regular files in
     * name order (Spark's {@code part-00000...}), skipping {@code _SUCCESS}, {@code .crc} and other
     * bookkeeping files.
     */
    public static List<Path> parts(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("No such file or directory: " + path));
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".crc");
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + path, e);
        }
    }

    public static BufferedReader open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open " + file, e);
        }
    }

    /** One line of a text input, with where it was found (for error messages). */
    @FunctionalInterface
    public interface LineSink {
        void accept(String line, Path part, long lineNo);
    }

    /**
     * Every line of {@code path} (a file or a directory of parts, see {@link #parts}), in order, with
     * its part and 1-based line number; the caller skips headers and comments.
     *
     * @param what names the input in the error when a part cannot be read ("edge list", ...)
     */
    public static void forEachLine(Path path, String what, LineSink sink) {
        for (Path part : parts(path)) {
            try (BufferedReader in = open(part)) {
                String line;
                long lineNo = 0;
                while ((line = in.readLine()) != null) {
                    sink.accept(line, part, ++lineNo);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read " + what + " " + part, e);
            }
        }
    }
}
