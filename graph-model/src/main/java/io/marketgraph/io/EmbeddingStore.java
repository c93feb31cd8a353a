package io.marketgraph.io;

import io.marketgraph.model.NodeKind;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Node vectors with the node table that says which node each row is.
 *
 * <p>On disk, a directory (written atomically, {@code _SUCCESS} last):
 * <pre>
 * vectors.bin   "MGEV", int32 format version (1), int32 dimension, int32 count, then count × dimension
 *               float32, all little-endian, row-major
 * nodes.tsv     header "row kind id region category", one line per row; kind "-" for a plain edge list
 * </pre>
 *
 * @param dim     vector dimension
 * @param vectors row-major {@code nodes.size() × dim} floats
 * @param nodes   row {@code i} is node {@code i} of this table
 */
public record EmbeddingStore(int dim, float[] vectors, NodeTable nodes) {

    public static final String VECTORS = "vectors.bin";
    public static final String NODES = "nodes.tsv";
    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x5645474D; // "MGEV" read as a little-endian int

    public EmbeddingStore {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        if ((long) nodes.size() * dim != vectors.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "vectors has %d floats, expected %d nodes x %d dims", vectors.length, nodes.size(), dim));
        }
    }

    public int count() {
        return nodes.size();
    }

    /** Offset of {@code row}'s first component in {@link #vectors()}. */
    public int offset(int row) {
        return row * dim;
    }

    public void write(Path dir) {
        try (AtomicOutput out = AtomicOutput.create(dir)) {
            writeVectors(out.dir().resolve(VECTORS));
            writeNodes(out.dir().resolve(NODES));
            out.commit();
        }
    }

    private void writeVectors(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(dim).putInt(count()).flip();
            writeFully(ch, header);
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : vectors) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    writeFully(ch, buf);
                    buf.clear();
                }
                buf.putFloat(v);
            }
            buf.flip();
            writeFully(ch, buf);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private void writeNodes(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("row\tkind\tid\tregion\tcategory\n");
            for (int row = 0; row < count(); row++) {
                NodeKind kind = nodes.kind(row);
                out.write(row + "\t" + (kind == null ? "-" : kind.name()) + "\t" + nodes.id(row) + "\t"
                        + cell(nodes.region(row)) + "\t" + cell(nodes.category(row)) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    private static String cell(int value) {
        return value < 0 ? "" : Integer.toString(value);
    }

    /**
     * Reads a store written by {@link #write(Path)}.
     *
     * @throws InvalidInputException if it is incomplete, of another format version, or inconsistent
     */
    public static EmbeddingStore read(Path dir) {
        if (!AtomicOutput.isComplete(dir)) {
            throw new InvalidInputException("embedding store " + dir + " has no " + AtomicOutput.SUCCESS
                    + ": it is missing or incomplete");
        }
        Path file = dir.resolve(VECTORS);
        int dim;
        int count;
        float[] vectors;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, header, file);
            header.flip();
            int magic = header.getInt();
            int version = header.getInt();
            dim = header.getInt();
            count = header.getInt();
            if (magic != MAGIC || version != FORMAT_VERSION) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: not an embedding store of format version %d (magic %08x, version %d)",
                        file, FORMAT_VERSION, magic, version));
            }
            long expected = 16L + 4L * dim * count;
            if (dim < 1 || count < 0 || ch.size() != expected) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: header says %d x %d floats (%d bytes) but the file has %d bytes",
                        file, count, dim, expected, ch.size()));
            }
            vectors = new float[Math.multiplyExact(dim, count)];
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int i = 0;
            while (i < vectors.length) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), 4L * (vectors.length - i)));
                readFully(ch, buf, file);
                buf.flip();
                while (buf.hasRemaining()) {
                    vectors[i++] = buf.getFloat();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        NodeTable nodes = readNodes(dir.resolve(NODES), count);
        return new EmbeddingStore(dim, vectors, nodes);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new InvalidInputException(file + ": truncated");
            }
        }
    }

    private static NodeTable readNodes(Path file, int count) {
        NodeKind[] kinds = new NodeKind[count];
        String[] ids = new String[count];
        int[] regions = new int[count];
        int[] categories = new int[count];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine(); // header
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] cols = line.split("\t", -1);
                if (cols.length != 5 || rows >= count || !cols[0].equals(Integer.toString(rows))) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: expected row %d of %d as 'row kind id region category', got '%s'",
                            file, lineNo, rows, count, line));
                }
                kinds[rows] = cols[1].equals("-") ? null : NodeKind.parse(cols[1]);
                ids[rows] = cols[2];
                regions[rows] = cols[3].isEmpty() ? -1 : Integer.parseInt(cols[3]);
                categories[rows] = cols[4].isEmpty() ? -1 : Integer.parseInt(cols[4]);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        if (rows != count) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s has %d rows but %s holds %d vectors", file, rows, VECTORS, count));
        }
        return new NodeTable(kinds, ids, regions, categories);
    }
}
