package io.marketgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketgraph.model.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionTableTest {

    @TempDir
    Path tmp;

    private Path parts() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("interactions.tsv"));
        Files.writeString(dir.resolve("part-00000.tsv"), InteractionTable.HEADER + "\n0\t3\t2\t0\t1\t0\t0\t0\t0\n");
        Files.writeString(dir.resolve("part-00001.tsv"), InteractionTable.HEADER + "\n1\t4\t0\t0\t0\t0\t0\t1\t0\n");
        return dir;
    }

    @Test
    void streams_the_rows_of_every_part_in_order_as_read_loads_them() throws IOException {
        Path dir = parts();
        List<String> rows = new ArrayList<>();

        long n = InteractionTable.forEach(dir, 5, (src, dst, counts) -> rows.add(src + " " + dst + " " + Arrays.toString(counts)));

        assertEquals(2, n);
        assertEquals(List.of("0 3 [2, 0, 1, 0, 0, 0, 0]", "1 4 [0, 0, 0, 0, 0, 1, 0]"), rows);
        InteractionTable table = InteractionTable.read(dir, 5);
        assertEquals(2, table.size());
        assertEquals(4, table.dst(1));
        assertEquals(1, table.count(1, Action.FOLLOW));
        assertEquals(2, table.count(0, Action.VIEW));
    }

    @Test
    void names_file_line_and_value_of_a_node_outside_the_graph() throws IOException {
        Path dir = parts();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InteractionTable.forEach(dir, 4, (src, dst, counts) -> { }));
        assertEquals(dir.resolve("part-00001.tsv") + " line 2: '4' is not a node id of this graph (0..3)", e.getMessage());
    }
}
