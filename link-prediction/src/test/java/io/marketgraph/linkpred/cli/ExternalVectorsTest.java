package io.marketgraph.linkpred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate-embeddings --walks-out / --vectors: the walks of a run, and vectors trained elsewhere, evaluated alike. */
class ExternalVectorsTest {

    @TempDir
    Path tmp;

    /** Four 6-cliques in a ring, labelled by clique. */
    private Path graph() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    s.append(c * 6 + i).append('\t').append(c * 6 + j).append('\n');
                }
            }
            s.append(c * 6 + 5).append('\t').append(((c + 1) % 4) * 6).append('\n');
        }
        return Files.writeString(tmp.resolve("g.tsv"), s.toString());
    }

    private Path labels() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int v = 0; v < 24; v++) {
            s.append(v).append("\tc").append(v / 6).append('\n');
        }
        return Files.writeString(tmp.resolve("labels.tsv"), s.toString());
    }

    @Test
    void walks_out_holds_every_walk_the_run_trained_on() throws Exception {
        Path walks = tmp.resolve("walks.txt");
        assertEquals(0, EvaluateEmbeddingsMain.run(new String[] {"--edge-list", graph().toString(), "--task",
                "node-classification", "--labels", labels().toString(), "--dim", "8", "--walk-length", "7",
                "--walks-per-node", "3", "--window", "2", "--threads", "1", "--walks-out", walks.toString()}));
        List<String> lines = Files.readAllLines(walks);
        assertEquals(24 * 3, lines.size());
        int[] starts = new int[24];
        for (String line : lines) {
            String[] t = line.split(" ");
            assertEquals(7, t.length, line);
            starts[Integer.parseInt(t[0])]++;
        }
        for (int v = 0; v < 24; v++) {
            assertEquals(3, starts[v], "walks started at node " + v);
        }
    }

    @Test
    void vectors_file_replaces_node2vec_and_is_scored_by_the_same_protocol() throws Exception {
        // one-hot vectors of the clique: a perfect embedding for the clique labels
        StringBuilder v = new StringBuilder("24 4\n");
        for (int n = 23; n >= 0; n--) {
            v.append(n);
            for (int k = 0; k < 4; k++) {
                v.append(k == n / 6 ? " 1.0" : " 0.0");
            }
            v.append('\n');
        }
        Path vectors = Files.writeString(tmp.resolve("v.txt"), v.toString());
        Path out = tmp.resolve("nc.json");
        assertEquals(0, EvaluateEmbeddingsMain.run(new String[] {"--edge-list", graph().toString(), "--task",
                "node-classification", "--labels", labels().toString(), "--vectors", vectors.toString(),
                "--out", out.toString()}));
        JsonNode r = Json.MAPPER.readTree(out.toFile());
        assertEquals(1.0, r.path("macro_f1").asDouble(), 1e-9);
        assertTrue(r.path("parameters").has("vectors"));
    }

    @Test
    void a_node_without_a_vector_is_rejected_naming_it() throws Exception {
        StringBuilder v = new StringBuilder("23 2\n");
        for (int n = 0; n < 24; n++) {
            if (n != 17) {
                v.append(n).append(" 0.5 0.25\n");
            }
        }
        Path vectors = Files.writeString(tmp.resolve("v.txt"), v.toString());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        int code;
        try {
            code = EvaluateEmbeddingsMain.run(new String[] {"--edge-list", graph().toString(), "--task",
                    "link-prediction", "--vectors", vectors.toString()});
        } finally {
            System.setErr(old);
        }
        assertEquals(3, code);
        assertTrue(err.toString().contains("no vector for node 17"), err.toString());
    }
}
