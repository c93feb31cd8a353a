package io.marketgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.PredictedLinksFormat.PredictedLink;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictedLinksFormatTest {

    @TempDir
    Path tmp;

    private static PredictedLink link(String user, NodeKind kind, String target, double score) {
        return new PredictedLink(new NodeRef(NodeKind.USER, user), new NodeRef(kind, target), score);
    }

    @Test
    void round_trips_plain_and_gzip_files_in_order() {
        List<PredictedLink> links = List.of(
                link("u1", NodeKind.BUSINESS, "b1", 0.75),
                link("u2", NodeKind.POST, "p-9", 0.125),
                link("u1", NodeKind.POST, "p-9", -1.5));
        for (String name : List.of("links.tsv", "links.tsv.gz")) {
            Path file = tmp.resolve(name);
            assertEquals(3, PredictedLinksFormat.write(file, links));
            List<PredictedLink> back = new ArrayList<>();
            assertEquals(3, PredictedLinksFormat.read(file, back::add));
            assertEquals(links, back);
            assertTrue(Files.exists(file));
            assertTrue(Files.notExists(tmp.resolve(name + ".tmp")));
        }
    }

    @Test
    void writes_the_header_and_one_tab_separated_line_per_link() throws IOException {
        Path file = tmp.resolve("links.tsv");
        PredictedLinksFormat.write(file, List.of(link("u1", NodeKind.BUSINESS, "b1", 0.5)));
        assertEquals("source_kind\tsource_id\ttarget_kind\ttarget_id\tscore\nUSER\tu1\tBUSINESS\tb1\t0.5\n",
                Files.readString(file));
    }

    @Test
    void reads_a_directory_of_parts_each_with_its_header_and_skips_blank_lines() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("parts"));
        Files.writeString(dir.resolve("part-00000.tsv"), PredictedLinksFormat.HEADER + "\nUSER\tu1\tpost\tp1\t1\n\n");
        Files.writeString(dir.resolve("part-00001.tsv"), PredictedLinksFormat.HEADER + "\nuser\tu2\tBUSINESS\tb1\t2.5\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        List<PredictedLink> back = new ArrayList<>();
        assertEquals(2, PredictedLinksFormat.read(dir, back::add));
        assertEquals(List.of(link("u1", NodeKind.POST, "p1", 1.0), link("u2", NodeKind.BUSINESS, "b1", 2.5)), back);
    }

    @Test
    void rejects_a_missing_header_naming_file_and_expected_columns() throws IOException {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, "USER\tu1\tPOST\tp1\t1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PredictedLinksFormat.read(file, l -> { }));
        assertEquals(file + " line 1: expected the header 'source_kind source_id target_kind target_id score', "
                + "got 'USER\tu1\tPOST\tp1\t1'", e.getMessage());
    }

    @Test
    void rejects_a_bad_score_kind_or_column_count_naming_line_column_and_value() throws IOException {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, PredictedLinksFormat.HEADER + "\nUSER\tu1\tPOST\tp1\tNaN\n");
        assertEquals(file + " line 2: column 'score' must be a finite number, got 'NaN'",
                assertThrows(InvalidInputException.class, () -> PredictedLinksFormat.read(file, l -> { })).getMessage());

        Files.writeString(file, PredictedLinksFormat.HEADER + "\nUSER\tu1\tSHOP\tp1\t1\n");
        assertEquals(file + " line 2: column 'target_kind': unknown node kind 'SHOP': expected one of USER, POST, BUSINESS",
                assertThrows(InvalidInputException.class, () -> PredictedLinksFormat.read(file, l -> { })).getMessage());

        Files.writeString(file, PredictedLinksFormat.HEADER + "\nUSER\tu1\tPOST\n");
        assertEquals(file + " line 2: expected 5 tab-separated columns 'source_kind source_id target_kind target_id score', got 3",
                assertThrows(InvalidInputException.class, () -> PredictedLinksFormat.read(file, l -> { })).getMessage());
    }

    @Test
    void refuses_to_write_an_id_with_a_tab() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictedLinksFormat.write(
                tmp.resolve("x.tsv"), List.of(link("u\t1", NodeKind.POST, "p1", 1))));
        assertEquals("node id must not contain a tab or line break: 'u\\t1' (USER)", e.getMessage());
    }
}
