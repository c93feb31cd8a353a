package io.marketgraph.build.graph;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip TSV part file written from a Spark task: ASCII cells formatted into a byte buffer (no
 * per-cell String for ints), deflated at {@link Deflater#BEST_SPEED}. The text is what Spark's
 * CSV writer produces for the same numeric rows (ints in decimal, doubles as {@link Double#toString(double)}
 * lays them out, see {@link #cell(double)}), only compressed faster. Written to a temp name and renamed on
 * {@link #close()}, so a retried or speculative task attempt leaves one complete file.
 */
final class GzipTsvPart implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    private boolean failed = true;

    GzipTsvPart(Path dir, int partition, long attempt) {
        target = dir.resolve(String.format(java.util.Locale.ROOT, "part-%05d.tsv.gz", partition));
        temp = dir.resolve(String.format(java.util.Locale.ROOT, ".part-%05d.%d.tmp", partition, attempt));
        try {
            Files.createDirectories(dir);
            out = new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + temp, e);
        }
    }

    GzipTsvPart text(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    GzipTsvPart tab() {
        ensure(1);
        buf[len++] = '\t';
        return this;
    }

    GzipTsvPart cell(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            return text(Long.toString(v));
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /**
     * The shortest decimal that parses back to {@code v}, in {@link Double#toString(double)}'s layout (Jackson's
     * Schubfach port, the algorithm of JDK 19's {@code Double.toString}). JDK 17's {@code Double.toString} was 8 %
     * of the write stage (JFR, 10M events); it prints the same text but for the rare values where it gives
     * a digit more than needed, which parse to the same double.
     */
    GzipTsvPart cell(double v) {
        return text(NumberOutput.toString(v, true));
    }

    void endLine() {
        ensure(1);
        buf[len++] = '\n';
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            flush();
            if (n > buf.length) {
                throw new IllegalArgumentException("cell longer than " + buf.length + " bytes");
            }
        }
    }

    private void flush() {
        try {
            out.write(buf, 0, len);
            len = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + temp, e);
        }
    }

    /** Call once every line is written; {@link #close()} without it deletes the temp file. */
    void done() {
        failed = false;
    }

    @Override
    public void close() {
        try {
            if (!failed) {
                flush();
            }
            out.close();
            if (failed) {
                Files.deleteIfExists(temp);
            } else {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to finish " + target, e);
        }
    }
}
