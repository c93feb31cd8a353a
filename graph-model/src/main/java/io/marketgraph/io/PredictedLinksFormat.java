package io.marketgraph.io;

import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
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
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Predicted links: what link-prediction writes and graph-store exports into Neo4j as
 * {@code PREDICTED_INTEREST}. A tab-separated text file (gzip when the name ends in {@code .gz}), or a
 * directory of such parts, with the header line {@value #HEADER} and one link a line:
 *
 * <pre>
 * source_kind  source_id  target_kind  target_id  score
 * USER         u17        BUSINESS     b3         0.8125
 * </pre>
 *
 * Kinds are {@link NodeKind} names, ids are the marketplace's external ids (no tabs or newlines),
 * scores are finite numbers (a model's probability or rank score; higher means more likely). The
 * file carries no model version: the exporter is told which version it holds.
 */
public final class PredictedLinksFormat {

    public static final String HEADER = "source_kind\tsource_id\ttarget_kind\ttarget_id\tscore";

    /** One predicted link. */
    public record PredictedLink(NodeRef source, NodeRef target, double score) {
        public PredictedLink {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "score must be finite, got %s for %s -> %s", score, source, target));
            }
        }
    }

    private PredictedLinksFormat() {}

    /**
     * Streams the links of {@code path} (a file or a directory of parts) to {@code sink}, in file
     * order, holding one line in memory at a time.
     *
     * @return the number of links read
     * @throws InvalidInputException naming the file, the line, the column and the bad value
     */
    public static long read(Path path, Consumer<PredictedLink> sink) {
        long count = 0;
        for (Path part : TextFiles.parts(path)) {
            try (BufferedReader in = TextFiles.open(part)) {
                String header = in.readLine();
                if (header == null || !header.strip().equals(HEADER)) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line 1: expected the header '%s', got '%s'",
                            part, HEADER.replace('\t', ' '), header == null ? "<empty file>" : header));
                }
                String line;
                long lineNo = 1;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    sink.accept(parse(line, part, lineNo));
                    count++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read predicted links " + part, e);
            }
        }
        return count;
    }

    private static PredictedLink parse(String line, Path file, long lineNo) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 5) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: expected 5 tab-separated columns '%s', got %d",
                    file, lineNo, HEADER.replace('\t', ' '), cols.length));
        }
        NodeRef source = ref(cols[0], cols[1], "source", file, lineNo);
        NodeRef target = ref(cols[2], cols[3], "target", file, lineNo);
        double score;
        try {
            score = Double.parseDouble(cols[4]);
        } catch (NumberFormatException e) {
            score = Double.NaN;
        }
        if (!Double.isFinite(score)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: column 'score' must be a finite number, got '%s'", file, lineNo, cols[4]));
        }
        return new PredictedLink(source, target, score);
    }

    private static NodeRef ref(String kind, String id, String side, Path file, long lineNo) {
        NodeKind parsed;
        try {
            parsed = NodeKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: column '%s_kind': %s", file, lineNo, side, e.getMessage()), e);
        }
        if (id.isBlank()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s line %d: column '%s_id' must not be blank", file, lineNo, side));
        }
        return new NodeRef(parsed, id);
    }

    /**
     * Writes {@code links} with the header to {@code file} (gzip if its name ends in {@code .gz}),
     * atomically: a temp file in the same directory, renamed into place when complete.
     *
     * @return the number of links written
     * @throws IllegalArgumentException if an id contains a tab or a line break
     */
    public static long write(Path file, Iterable<PredictedLink> links) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long count = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                file.getFileName().toString().endsWith(".gz")
                        ? new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)
                        : Files.newOutputStream(tmp),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(96);
            for (PredictedLink link : links) {
                line.setLength(0);
                line.append(link.source().kind()).append('\t').append(checkedId(link.source())).append('\t')
                        .append(link.target().kind()).append('\t').append(checkedId(link.target())).append('\t')
                        .append(link.score()).append('\n');
                out.write(line.toString());
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write predicted links " + file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move predicted links into place: " + file, e);
        }
        return count;
    }

    private static String checkedId(NodeRef ref) {
        String id = ref.id();
        if (id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("node id must not contain a tab or line break: '"
                    + id.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "' (" + ref.kind() + ")");
        }
        return id;
    }
}
