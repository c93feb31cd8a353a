package io.marketgraph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeListFormatTest {

    @TempDir
    Path tmp;

    @Test
    void reads_snap_edges_with_comments_and_assigns_ids_in_order_of_first_appearance() throws IOException {
        Path file = tmp.resolve("g.txt");
        Files.writeString(file, "# comment\n% also a comment\n10 20\n20\t30\n\n10 30\n");

        EdgeList edges = EdgeListFormat.read(file);

        assertEquals(3, edges.nodeCount());
        assertArrayEquals(new String[] {"10", "20", "30"}, edges.nodeIds());
        assertArrayEquals(new int[] {0, 1, 0}, edges.src());
        assertArrayEquals(new int[] {1, 2, 2}, edges.dst());
        assertFalse(edges.weighted());
        assertNull(edges.weight());
    }

    @Test
    void reads_weights_and_a_directory_of_gzip_parts_in_name_order() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("edges.tsv"));
        gzip(dir.resolve("part-00001.gz"), "1\t2\t0.5\n");
        gzip(dir.resolve("part-00000.gz"), "0\t1\t2.5\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".part-00000.gz.crc"), "junk");

        EdgeList edges = EdgeListFormat.readDense(dir, new String[] {"a", "b", "c"});

        assertTrue(edges.weighted());
        assertArrayEquals(new int[] {0, 1}, edges.src());
        assertArrayEquals(new float[] {2.5f, 0.5f}, edges.weight());
    }

    @Test
    void rejects_a_bad_weight_naming_file_line_and_value() throws IOException {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, "1 2 1.0\n2 3 -4\n");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EdgeListFormat.read(file));

        assertEquals(file + " line 2: weight must be a finite number > 0, got '-4'", e.getMessage());
    }

    @Test
    void rejects_wrong_column_count_and_unknown_dense_ids() throws IOException {
        Path file = tmp.resolve("cols.tsv");
        Files.writeString(file, "1 2 3 4\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> EdgeListFormat.read(file))
                .getMessage().contains("line 1: expected 'src dst [weight]', got 4 columns"));

        Path dense = tmp.resolve("dense.tsv");
        Files.writeString(dense, "0\t1\n0\t7\n");
        assertTrue(assertThrows(InvalidInputException.class,
                () -> EdgeListFormat.readDense(dense, new String[] {"a", "b"}))
                .getMessage().endsWith("line 2: node '7' is not a node id of this graph"));
    }

    @Test
    void write_then_read_round_trips() {
        EdgeList edges = new EdgeList(3, new int[] {0, 2}, new int[] {1, 0}, new float[] {1.5f, 3f},
                new String[] {"x", "y", "z"});
        Path file = tmp.resolve("out.tsv.gz");

        EdgeListFormat.write(file, edges);
        EdgeList back = EdgeListFormat.read(file);

        assertArrayEquals(new String[] {"x", "y", "z"}, back.nodeIds());
        assertArrayEquals(new float[] {1.5f, 3f}, back.weight());
        assertArrayEquals(new int[] {0, 2}, back.src());
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
