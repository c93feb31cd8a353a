package io.marketgraph.linkpred.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.Json;
import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.linkpred.baselines.BaselineConfig;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.model.NodeKind;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-links end to end on a planted graph: registration, reports and the promotion gate. */
class TrainLinksJobTest {

    @TempDir
    Path tmp;

    private Path graph;

    private void graph() throws Exception {
        graph = tmp.resolve("graph");
        PlantedMarket.writeGraph(graph);
        PlantedMarket.writeEmbeddings(graph, tmp.resolve("good"), true, 1);
        PlantedMarket.writeEmbeddings(graph, tmp.resolve("good-again"), true, 1);
        PlantedMarket.writeEmbeddings(graph, tmp.resolve("random"), false, 2);
    }

    private TrainLinksConfig config(Path embeddings, Path registry, Path report) {
        return new TrainLinksConfig(graph, embeddings, registry, List.of(LinkTask.USER_POST, LinkTask.USER_BUSINESS),
                NegativeStrategy.UNIFORM, 1, LinkModelKind.LOGISTIC,
                new LinkModelConfig(LinkModelKind.LOGISTIC, 8, 30, 32, 0.05f, 7), 2, 4, 1000,
                PromotionGate.DEFAULT, false, 5, report, 3);
    }

    @Test
    void registers_promotes_reports_and_the_gate_refuses_a_degraded_candidate() throws Exception {
        graph();
        Path registryDir = tmp.resolve("registry");
        ModelRegistry registry = new ModelRegistry(registryDir);

        TrainLinksResult first = new TrainLinksJob(config(tmp.resolve("good"), registryDir, tmp.resolve("r1.json")),
                ProgressTracker.NOOP).run();
        assertTrue(first.promoted());
        assertEquals(Optional.of("v0001"), registry.current());
        JsonNode report = Json.MAPPER.readTree(tmp.resolve("r1.json").toFile());
        assertEquals("v0001", report.get("version").asText());
        assertTrue(report.get("promoted").asBoolean());
        double auc = report.get("user_post").get("model").get("roc_auc").asDouble();
        // a quarter of uniform negatives share the user's taste, so about 0.875 is the ceiling
        assertTrue(auc > 0.8, "planted taste is learnable, got ROC-AUC " + auc);
        assertTrue(report.get("user_post").get("model").has("recall_at_2"));
        assertTrue(report.get("user_post").get("best_heuristic").has("name"));
        assertTrue(report.get("skipped").get("user_business").asText().contains("0 training and 0 test positives"));
        assertTrue(Files.size(tmp.resolve("roc-user_post.png")) > 1000, "HTML report has its ROC picture");
        assertTrue(Files.size(tmp.resolve("pr-user_post.png")) > 1000);
        assertTrue(Files.readString(tmp.resolve("r1.html")).contains("roc-user_post.png"));
        assertTrue(Files.isRegularFile(registry.versionDir("v0001").resolve("link-model/user_post/link-model.json")));
        List<PredictedLinksFormat.PredictedLink> links = new java.util.ArrayList<>();
        PredictedLinksFormat.read(registry.versionDir("v0001").resolve(TrainLinksJob.PREDICTED_LINKS), links::add);
        assertEquals(3L * PlantedMarket.USERS, links.size(), "3 predicted links per user: " + report.get("predicted_links"));
        assertEquals(NodeKind.POST, links.get(0).target().kind());
        assertEquals(PlantedMarket.POSTS, IvfIndex.read(TrainLinksJob.annFile(
                registry.versionDir("v0001").resolve(TrainLinksJob.ANN), NodeKind.POST)).size(), "ANN index built offline");

        TrainLinksResult degraded = new TrainLinksJob(config(tmp.resolve("random"), registryDir, null), ProgressTracker.NOOP).run();
        assertFalse(degraded.promoted(), degraded.summary());
        assertEquals("REFUSE", degraded.json().get("gate").get("verdict").asText());
        assertEquals(Optional.of("v0001"), registry.current(), "CURRENT unchanged");

        TrainLinksResult same = new TrainLinksJob(config(tmp.resolve("good-again"), registryDir, null), ProgressTracker.NOOP).run();
        assertTrue(same.promoted(), same.summary());
        assertEquals(Optional.of("v0003"), registry.current());
        assertEquals(List.of("v0001", "v0002", "v0003"), registry.versions());
    }

    private TrainLinksConfig withBaselines(Path embeddings, Path registry, Path report, double refuseGap) {
        TrainLinksConfig c = config(embeddings, registry, report);
        BaselineConfig b = new BaselineConfig(EnumSet.complementOf(EnumSet.of(BaselineConfig.Kind.ALS)), 3, 14, 20, 10, 100,
                BaselineConfig.NONE.als(), "local[2]", refuseGap);
        return new TrainLinksConfig(c.graph(), c.embeddings(), c.registry(), List.of(LinkTask.USER_POST), c.negatives(),
                c.negativeRatio(), c.serving(), c.model(), c.k(), c.candidates(), c.maxEvalUsers(), c.gate(), false,
                c.keepVersions(), c.report(), c.predictedLinks(), b);
    }

    @Test
    void baselines_are_reported_beside_the_model_and_the_gate_refuses_a_model_they_beat() throws Exception {
        graph();
        Path registryDir = tmp.resolve("registry");
        // random embeddings: the model ranks no better than chance, popularity and ItemKNN know the planted tastes
        TrainLinksResult losing = new TrainLinksJob(withBaselines(tmp.resolve("random"), registryDir, tmp.resolve("b.json"), 0.03),
                ProgressTracker.NOOP).run();
        JsonNode task = losing.json().get("user_post");
        for (String name : List.of("popularity", "regional_popularity", "trending", "item_knn", "ease")) {
            JsonNode b = task.get("baselines").get(name);
            assertTrue(b != null && b.has("recall_at_2") && b.has("ndcg_at_2") && b.has("mrr") && b.has("hits_at_2")
                    && b.has("coverage"), name + " in " + task.get("baselines"));
        }
        assertTrue(task.get("model").has("coverage"));
        JsonNode best = task.get("best_baseline");
        double bestRecall = best.get("recall_at_2").asDouble();
        task.get("baselines").fields().forEachRemaining(e ->
                assertTrue(e.getValue().get("recall_at_2").asDouble() <= bestRecall, "best is the best: " + e.getKey()));
        double model = task.get("model").get("recall_at_2").asDouble();
        assertTrue(bestRecall - model >= 0.03, "planted: a baseline beats random vectors, " + best + " vs " + model);
        assertFalse(losing.promoted(), losing.summary());
        assertTrue(losing.json().get("gate").get("messages").toString().contains("below the best baseline"), losing.summary());
        assertTrue(Files.readString(tmp.resolve("b.html")).contains("item_knn"), "baselines in the HTML table");

        TrainLinksResult off = new TrainLinksJob(withBaselines(tmp.resolve("random"), registryDir, null, 0), ProgressTracker.NOOP).run();
        assertTrue(off.promoted(), "refuse gap 0 switches the baseline check off: " + off.summary());
    }
}
