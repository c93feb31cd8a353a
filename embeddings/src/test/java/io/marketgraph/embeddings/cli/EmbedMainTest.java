package io.marketgraph.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.output.Word2VecText;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedMainTest {

    @TempDir
    Path tmp;

    private Path smallGraph() throws Exception {
        StringBuilder s = new StringBuilder("# two triangles and a bridge\n");
        s.append("a\tb\nb\tc\nc\ta\nc\td\nd\te\ne\tf\nf\td\nf\tf\n");
        return Files.writeString(tmp.resolve("g.tsv"), s.toString());
    }

    @Test
    void same_seed_and_one_thread_write_byte_identical_stores() throws Exception {
        Path g = smallGraph();
        String[] common = {"--graph", g.toString(), "--dim", "8", "--walk-length", "10", "--walks-per-node", "4",
                "--window", "3", "--threads", "1", "--seed", "5"};
        assertEquals(0, EmbedMain.run(concat(common, "--out", tmp.resolve("a").toString())));
        assertEquals(0, EmbedMain.run(concat(common, "--out", tmp.resolve("b").toString())));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/vectors.bin")), Files.readAllBytes(tmp.resolve("b/vectors.bin")));
        // a materialised corpus is the same corpus: same bytes
        assertEquals(0, EmbedMain.run(concat(common, "--out", tmp.resolve("c").toString(), "--materialize-walks")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/vectors.bin")), Files.readAllBytes(tmp.resolve("c/vectors.bin")));
        EmbeddingStore store = EmbeddingStore.read(tmp.resolve("a"));
        assertEquals(6, store.count());
        assertEquals(8, store.dim());
        assertEquals("a", store.nodes().id(0));
    }

    @Test
    void bad_usage_exits_2_and_bad_input_exits_3() throws Exception {
        Path g = smallGraph();
        String out = tmp.resolve("o").toString();
        assertEquals(0, EmbedMain.run(new String[] {"--help"}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", g.toString()}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", g.toString(), "--out", out, "--p", "0"}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", g.toString(), "--out", out, "--bogus", "1"}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", g.toString(), "--out", out, "--format", "csv"}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", g.toString(), "--out", out, "--spark-trainer", "als"}));
        assertEquals(2, EmbedMain.run(new String[] {"--graph", "/no/such/graph", "--out", out}));
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written on bad usage");
        Path bad = Files.writeString(tmp.resolve("bad.tsv"), "a\tb\na\tb\t1\tzz\n");
        assertEquals(3, EmbedMain.run(new String[] {"--graph", bad.toString(), "--out", tmp.resolve("o").toString()}));
    }

    @Test
    void embed_and_evaluate_share_one_declaration_of_each_node2vec_default() {
        String help = io.marketgraph.cli.Cli.commandLine("embed", new EmbedOptions()).getUsageMessage();
        assertTrue(help.matches("(?s).*--walk-length=N\\s+nodes per walk\\s+Default: 80.*"), help);
        assertTrue(help.matches("(?s).*--seed=N\\s+random seed\\s+Default: 42.*"), help);
        assertTrue(help.matches("(?s).*--learning-rate=X\\s+starting learning rate\\s+Default: 0\\.025.*"), help);
    }

    @Test
    void word2vec_text_has_count_dim_header_and_kind_prefixed_ids() throws Exception {
        EmbeddingStore store = new EmbeddingStore(2, new float[] {0.5f, -1f, 0.25f, 2f},
                new NodeTable(new NodeKind[] {NodeKind.USER, NodeKind.POST}, new String[] {"u1", "p9"},
                        new int[] {-1, -1}, new int[] {-1, -1}));
        Path file = tmp.resolve("out/vectors.txt");
        Word2VecText.write(store, file);
        assertEquals(List.of("2 2", "USER:u1 0.5 -1.0", "POST:p9 0.25 2.0"), Files.readAllLines(file));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
