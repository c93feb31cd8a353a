package io.marketgraph.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed --init / --align-to end to end on a planted-partition graph that grows by new nodes and edges. */
class EmbedInitTest {

    @TempDir
    Path tmp;

    /**
     * A 20 x 20 grid with a diagonal in a random half of its cells (local neighbourhoods that node2vec
     * learns well); {@code grown} adds 38 more diagonals (5 % more edges) and 8 new nodes (2 %), each
     * tied to two neighbouring grid nodes.
     */
    private Path graph(String name, boolean grown) throws Exception {
        WalkRandom rnd = new WalkRandom().reseed(3, 0, 0);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                if (i + 1 < 20) {
                    s.append(edge(i * 20 + j, (i + 1) * 20 + j));
                }
                if (j + 1 < 20) {
                    s.append(edge(i * 20 + j, i * 20 + j + 1));
                }
            }
        }
        StringBuilder extra = new StringBuilder();
        int diagonals = 0;
        for (int i = 0; i < 19; i++) {
            for (int j = 0; j < 19; j++) {
                boolean before = rnd.nextFloat() < 0.5f;
                if (before) {
                    s.append(edge(i * 20 + j, (i + 1) * 20 + j + 1));
                } else if (diagonals < 38) {
                    extra.append(edge(i * 20 + j, (i + 1) * 20 + j + 1));
                    diagonals++;
                }
            }
        }
        if (grown) {
            s.append(extra);
            for (int k = 0; k < 8; k++) {
                int at = 42 + 45 * k;
                s.append(edge(400 + k, at)).append(edge(400 + k, at + 1));
            }
        }
        return Files.writeString(tmp.resolve(name), s.toString());
    }

    private static String edge(int u, int v) {
        return "n" + u + "\tn" + v + "\n";
    }

    private JsonNode drift(Path out) {
        return Json.read(out.resolve(EmbedJob.REPORT), JsonNode.class).get("drift");
    }

    @Test
    void a_warm_start_stays_in_the_old_space_and_reports_its_drift() throws Exception {
        Path before = graph("before.tsv", false);
        Path after = graph("after.tsv", true);
        String[] common = {"--dim", "16", "--walk-length", "20", "--walks-per-node", "10", "--window", "4",
                "--threads", "1"};
        assertEquals(0, EmbedMain.run(concat(common, "--graph", before.toString(), "--out", tmp.resolve("a").toString(),
                "--seed", "1")));
        assertEquals(0, EmbedMain.run(concat(common, "--graph", after.toString(), "--out", tmp.resolve("warm").toString(),
                "--seed", "2", "--init", tmp.resolve("a").toString())));
        assertEquals(0, EmbedMain.run(concat(common, "--graph", after.toString(), "--out", tmp.resolve("cold").toString(),
                "--seed", "2", "--align-to", tmp.resolve("a").toString())));
        JsonNode warm = drift(tmp.resolve("warm"));
        JsonNode cold = drift(tmp.resolve("cold"));
        assertEquals(warm.get("shared_nodes").asInt() + warm.get("new_nodes").asInt(),
                Json.read(tmp.resolve("warm").resolve(EmbedJob.REPORT), JsonNode.class).get("nodes").asInt());
        assertEquals(8, warm.get("new_nodes").asInt(), warm.toString());
        assertEquals(0, warm.get("dropped_nodes").asInt());
        assertTrue(warm.get("mean_cosine").asDouble() > cold.get("mean_cosine").asDouble(), warm + " vs " + cold);
        assertTrue(warm.get("neighbour_overlap_at_10").asDouble() > cold.get("neighbour_overlap_at_10").asDouble(),
                warm + " vs " + cold);
        assertEquals(2, EmbedMain.run(concat(common, "--graph", after.toString(), "--out", tmp.resolve("x").toString(),
                "--init", tmp.resolve("a").toString(), "--align-to", tmp.resolve("a").toString())));
        assertEquals(3, EmbedMain.run(new String[] {"--graph", after.toString(), "--out", tmp.resolve("y").toString(),
                "--dim", "8", "--init", tmp.resolve("a").toString()}), "a store of dim 16 cannot start a dim-8 run");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
