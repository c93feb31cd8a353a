package io.marketgraph.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The plain edge list: one edge a line, {@code src dst [weight]} separated by tabs or spaces,
 * {@code #} or {@code %} comment lines, optionally gzip, one file or a directory of parts. This is
 * SNAP's format and the one build-graph writes to {@code edges.tsv/}.
 */
public final class EdgeListFormat {

    private EdgeListFormat() {}

    /**
     * Reads an edge list whose node names are arbitrary tokens, assigning dense ids in order of
     * first appearance (so the same file always gives the same ids).
     *
     * @throws InvalidInputException naming the file, the line and the bad token
     */
    public static EdgeList read(Path path) {
        Map<String, Integer> ids = new HashMap<>();
        Builder builder = new Builder();
        for (Path part : TextFiles.parts(path)) {
            parse(part, builder, token -> ids.computeIfAbsent(token, t -> ids.size()));
        }
        String[] names = new String[ids.size()];
        ids.forEach((name, id) -> names[id] = name);
        return builder.build(names.length, names);
    }

    /**
     * Reads an edge list whose nodes already are dense ints below {@code nodeIds.length}, as in a
     * graph directory, where {@code nodeIds} come from the node table.
     */
    public static EdgeList readDense(Path path, String[] nodeIds) {
        int nodeCount = nodeIds.length;
        Builder builder = new Builder();
        for (Path part : TextFiles.parts(path)) {
            parse(part, builder, token -> {
                int node;
                try {
                    node = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    return -1;
                }
                return node >= 0 && node < nodeCount ? node : -1;
            });
        }
        return builder.build(nodeCount, nodeIds);
    }

    /** Writes {@code src<TAB>dst[<TAB>weight]} lines, gzip if the name ends in {@code .gz}, atomically. */
    public static void write(Path file, EdgeList edges) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                file.getFileName().toString().endsWith(".gz")
                        ? new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)
                        : Files.newOutputStream(tmp),
                StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder(64);
            for (int e = 0; e < edges.edgeCount(); e++) {
                line.setLength(0);
                line.append(edges.nodeIds()[edges.src()[e]]).append('\t').append(edges.nodeIds()[edges.dst()[e]]);
                if (edges.weighted()) {
                    line.append('\t').append(edges.weight()[e]);
                }
                out.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write edge list " + file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move edge list into place: " + file, e);
        }
    }

    private interface NodeResolver {
        /** The dense id of {@code token}, or -1 if it is not a valid node. */
        int resolve(String token);
    }

    private static void parse(Path file, Builder builder, NodeResolver resolver) {
        try (BufferedReader in = TextFiles.open(file)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == '%') {
                    continue;
                }
                String[] cols = trimmed.split("[\\t ]+");
                if (cols.length < 2 || cols.length > 3) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: expected 'src dst [weight]', got %d columns: '%s'",
                            file, lineNo, cols.length, abbreviate(line)));
                }
                int src = resolver.resolve(cols[0]);
                int dst = resolver.resolve(cols[1]);
                if (src < 0 || dst < 0) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: node '%s' is not a node id of this graph",
                            file, lineNo, src < 0 ? cols[0] : cols[1]));
                }
                float weight = 1f;
                if (cols.length == 3) {
                    weight = parseWeight(cols[2], file, lineNo);
                    builder.weighted = true;
                }
                builder.add(src, dst, weight);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read edge list " + file, e);
        }
    }

    private static float parseWeight(String token, Path file, long lineNo) {
        float weight;
        try {
            weight = Float.parseFloat(token);
        } catch (NumberFormatException e) {
            weight = Float.NaN;
        }
        if (!(weight > 0) || Float.isInfinite(weight)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: weight must be a finite number > 0, got '%s'", file, lineNo, token));
        }
        return weight;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static final class Builder {
        private int[] src = new int[1024];
        private int[] dst = new int[1024];
        private float[] weight = new float[1024];
        private int size;
        private boolean weighted;

        void add(int s, int d, float w) {
            if (size == src.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8, src.length * 2L);
                src = Arrays.copyOf(src, grown);
                dst = Arrays.copyOf(dst, grown);
                weight = Arrays.copyOf(weight, grown);
            }
            src[size] = s;
            dst[size] = d;
            weight[size] = w;
            size++;
        }

        EdgeList build(int nodeCount, String[] nodeIds) {
            return new EdgeList(nodeCount, Arrays.copyOf(src, size), Arrays.copyOf(dst, size),
                    weighted ? Arrays.copyOf(weight, size) : null, nodeIds);
        }
    }
}
