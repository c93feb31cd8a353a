package io.marketgraph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.model.NodeKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingStoreTest {

    @TempDir
    Path tmp;

    @Test
    void round_trips_vectors_and_node_table() {
        NodeTable nodes = new NodeTable(new NodeKind[] {NodeKind.USER, NodeKind.POST}, new String[] {"u1", "p9"},
                new int[] {3, 4}, new int[] {-1, 7});
        EmbeddingStore store = new EmbeddingStore(3, new float[] {1, 2, 3, -0.5f, 0, 1e-7f}, nodes);

        store.write(tmp.resolve("emb"));
        EmbeddingStore back = EmbeddingStore.read(tmp.resolve("emb"));

        assertEquals(3, back.dim());
        assertArrayEquals(store.vectors(), back.vectors());
        assertEquals(NodeKind.POST, back.nodes().kind(1));
        assertEquals("p9", back.nodes().id(1));
        assertEquals(7, back.nodes().category(1));
        assertEquals(-1, back.nodes().category(0));
    }

    @Test
    void untyped_nodes_round_trip_without_kind() {
        EmbeddingStore store = new EmbeddingStore(1, new float[] {4f}, NodeTable.untyped(new String[] {"42"}));
        store.write(tmp.resolve("emb"));
        assertNull(EmbeddingStore.read(tmp.resolve("emb")).nodes().kind(0));
    }

    @Test
    void a_truncated_vector_file_is_rejected_with_sizes() throws IOException {
        EmbeddingStore store = new EmbeddingStore(2, new float[] {1, 2, 3, 4}, NodeTable.untyped(new String[] {"a", "b"}));
        Path dir = tmp.resolve("emb");
        store.write(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve(EmbeddingStore.VECTORS), StandardOpenOption.WRITE)) {
            ch.truncate(20);
        }

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EmbeddingStore.read(dir));
        assertTrue(e.getMessage().contains("header says 2 x 2 floats (32 bytes) but the file has 20 bytes"),
                e.getMessage());
    }

    @Test
    void an_incomplete_store_is_rejected() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("half"));
        assertTrue(assertThrows(InvalidInputException.class, () -> EmbeddingStore.read(dir))
                .getMessage().contains("missing or incomplete"));
    }
}
