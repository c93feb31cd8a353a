package io.marketgraph.embeddings.spark;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The walk files of {@code embed --spark}, on any Hadoop filesystem: a directory of parts
 * {@code part-<first slot, 15 digits>.walks}, each a run of consecutive corpus slots (the walk order
 * of the in-process corpus), one fixed-size record per walk: {@code walkLength} big-endian int32
 * node ids, padded with -1 where a directed walk ended early. Fixed records make walk {@code s} a
 * seek ({@code (s - first) x 4 x walkLength}) and let Spark read the parts with
 * {@code binaryRecords}. {@code _SUCCESS} is written last by the driver.
 */
public final class WalkFiles {

    static final String PREFIX = "part-";
    static final String SUFFIX = ".walks";

    /** One part file: slots {@code [first, first + walks)}. */
    public record Part(long first, long walks, String path) implements java.io.Serializable {}

    private WalkFiles() {}

    static String partName(long first) {
        return String.format(Locale.ROOT, "%s%015d%s", PREFIX, first, SUFFIX);
    }

    /** Bytes of one record. */
    static int recordBytes(int walkLength) {
        return 4 * walkLength;
    }

    /** A part writer; the file appears under its final name only when {@link Writer#commit()} ran. */
    static final class Writer implements AutoCloseable {
        private final FileSystem fs;
        private final Path temp;
        private final Path target;
        private final DataOutputStream out;
        private final int walkLength;

        Writer(Configuration conf, String dir, long first, String attempt, int walkLength) throws IOException {
            this.target = new Path(dir, partName(first));
            this.temp = new Path(dir, "_tmp-" + partName(first) + "-" + attempt);
            this.fs = target.getFileSystem(conf);
            this.walkLength = walkLength;
            FSDataOutputStream raw = fs.create(temp, true);
            this.out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 20));
        }

        void write(int[] walk, int length) throws IOException {
            for (int i = 0; i < walkLength; i++) {
                out.writeInt(i < length ? walk[i] : -1);
            }
        }

        /** Renames into place; a retried or speculative task that finds the part written drops its copy. */
        void commit() throws IOException {
            out.close();
            if (!fs.rename(temp, target)) {
                if (!fs.exists(target)) {
                    throw new IOException("could not rename " + temp + " to " + target);
                }
                fs.delete(temp, false);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (fs.exists(temp)) {
                fs.delete(temp, false);
            }
        }
    }

    /** The committed parts of {@code dir} in slot order; fails unless they cover {@code [0, walks)} exactly. */
    static List<Part> list(Configuration conf, String dir, int walkLength, long walks) {
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(conf);
            FileStatus[] files = fs.listStatus(root, p -> p.getName().startsWith(PREFIX) && p.getName().endsWith(SUFFIX));
            Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            List<Part> parts = new ArrayList<>();
            long next = 0;
            for (FileStatus f : files) {
                String name = f.getPath().getName();
                long first = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
                long bytes = f.getLen();
                if (first != next || bytes % recordBytes(walkLength) != 0) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "walk part %s: expected first slot %d and a multiple of %d bytes, got first %d, %d bytes",
                            f.getPath(), next, recordBytes(walkLength), first, bytes));
                }
                long count = bytes / recordBytes(walkLength);
                parts.add(new Part(first, count, f.getPath().toString()));
                next += count;
            }
            if (next != walks) {
                throw new IllegalStateException("walk parts in " + dir + " hold " + next + " walks, expected " + walks);
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list walk parts in " + dir, e);
        }
    }
}
