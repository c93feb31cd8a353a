package io.marketgraph.linkpred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneEmbeddingsMainTest {

    @TempDir
    Path tmp;

    /** Six 6-cliques in a ring, labelled by clique. */
    private Path graph() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < 6; c++) {
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    s.append(c * 6 + i).append('\t').append(c * 6 + j).append('\n');
                }
            }
            s.append(c * 6 + 5).append('\t').append(((c + 1) % 6) * 6).append('\n');
        }
        return Files.writeString(tmp.resolve("g.tsv"), s.toString());
    }

    private static final String[] SMALL = {"--dim", "8", "--walk-length", "10", "--walks-per-node", "4",
            "--window", "3", "--threads", "1", "--seed", "3", "--screen-walks", "1"};

    private String[] args(String... extra) {
        String[] all = new String[SMALL.length + extra.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(extra, 0, all, SMALL.length, extra.length);
        return all;
    }

    @Test
    void node_classification_grid_lists_every_point_and_the_winner_is_the_best_finalist() throws Exception {
        StringBuilder labels = new StringBuilder();
        for (int v = 0; v < 36; v++) {
            labels.append(v).append("\tc").append(v / 6).append('\n');
        }
        Path lab = Files.writeString(tmp.resolve("labels.tsv"), labels.toString());
        Path out = tmp.resolve("emb");
        assertEquals(0, TuneEmbeddingsMain.run(args("--graph", graph().toString(), "--out", out.toString(),
                "--task", "node-classification", "--labels", lab.toString(), "--p-values", "0.5,1,4",
                "--q-values", "0.5,1", "--finalists", "2")));
        JsonNode r = Json.MAPPER.readTree(tmp.resolve("emb-tune.json").toFile());
        assertEquals(6, r.path("grid").size());
        int finalists = 0;
        double best = -1;
        for (JsonNode p : r.path("grid")) {
            assertTrue(p.path("screen_score").asDouble(-1) >= 0, p.toString());
            if (!p.path("full_score").isNull()) {
                finalists++;
                best = Math.max(best, p.path("full_score").asDouble());
            }
        }
        assertTrue(finalists == 2 || finalists == 3, "2 finalists plus the baseline unless it is one: " + finalists);
        assertEquals(best, r.path("winner").path("full_score").asDouble(), 0);
        assertEquals(1.0, r.path("baseline").path("p").asDouble());
        assertFalse(r.path("baseline").path("full_score").isNull());
        assertEquals(r.path("winner").path("full_score").asDouble() > r.path("baseline").path("full_score").asDouble(),
                r.path("winner_beats_baseline").asBoolean());
        String html = Files.readString(tmp.resolve("emb-tune.html"));
        assertTrue(html.contains("<table>") && html.contains("class=\"win\""), html);
        assertEquals(36, EmbeddingStore.read(out).count());
        assertEquals(8, EmbeddingStore.read(out).dim());
    }

    @Test
    void link_prediction_trains_the_winner_again_on_the_whole_graph() throws Exception {
        Path out = tmp.resolve("emb");
        Path report = tmp.resolve("r/tune.json");
        assertEquals(0, TuneEmbeddingsMain.run(args("--graph", graph().toString(), "--out", out.toString(),
                "--report", report.toString(), "--p-values", "1,2", "--q-values", "1", "--finalists", "1")));
        JsonNode r = Json.MAPPER.readTree(report.toFile());
        assertEquals(2, r.path("grid").size());
        assertTrue(r.path("metric").asText().startsWith("auc.hadamard"), r.path("metric").asText());
        assertTrue(r.path("cost").path("final_embedding_seconds").asDouble() > 0);
        assertTrue(Files.exists(tmp.resolve("r/tune.html")));
        assertEquals(36, EmbeddingStore.read(out).count());
    }

    @Test
    void a_grid_without_the_baseline_is_bad_usage() throws Exception {
        assertEquals(2, TuneEmbeddingsMain.run(args("--graph", graph().toString(), "--out",
                tmp.resolve("emb").toString(), "--p-values", "2,4")));
        assertEquals(2, TuneEmbeddingsMain.run(args("--graph", graph().toString(), "--out",
                tmp.resolve("emb").toString(), "--q-values", "1,x")));
    }
}
