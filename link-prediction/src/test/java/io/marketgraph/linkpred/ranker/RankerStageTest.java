package io.marketgraph.linkpred.ranker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.linkpred.candidates.CandidateSource;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-links with the ranker end to end on a timed marketplace: trained on the earlier split, evaluated and served. */
class RankerStageTest {

    @TempDir
    Path tmp;

    @Test
    void ranks_merged_candidates_beats_popularity_calibrates_and_writes_the_served_links() throws Exception {
        Path registryDir = tmp.resolve("registry");
        JsonNode ranker = TimedMarket.trainRanker(tmp, registryDir).get("user_post").get("ranker");

        JsonNode recall = ranker.get("candidates").get("recall_at_budget");
        for (CandidateSource s : CandidateSource.values()) {
            assertTrue(recall.get(s.key()).asDouble() <= recall.get("merged").asDouble(), s + " within the merged recall");
        }
        assertTrue(recall.get("coengagement").asDouble() > 0.3, "co-engagement finds same-taste posts: " + recall);
        assertTrue(recall.get("followed").asDouble() > 0, "followed business listings are candidates: " + recall);
        double model = ranker.get("model").get("recall_at_5").asDouble();
        double popularity = ranker.get("reference_baselines").get("popularity").get("recall_at_5").asDouble();
        assertTrue(model > popularity, "planted taste beats popularity: " + model + " vs " + popularity);
        assertTrue(ranker.get("reference_baselines").has("source_coengagement"), "each source alone is a reference too");
        assertTrue(ranker.get("training").get("train_positives").asLong() > 0);
        JsonNode cal = ranker.get("calibration");
        assertTrue(cal.get("ece").asDouble() < 0.1, "the calibration from the earlier period holds: " + cal);
        assertEquals(15, cal.get("reliability").size());
        assertTrue(Files.size(tmp.resolve("reliability-user_post.png")) > 1000, "reliability diagram drawn");
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("reliability-user_post.png"));

        // predicted-links.tsv.gz is the served path: each sampled user's links are the report's ranking
        ModelRegistry registry = new ModelRegistry(registryDir);
        Map<String, List<String>> links = new HashMap<>();
        PredictedLinksFormat.read(registry.versionDir("v0001").resolve(TrainLinksJob.PREDICTED_LINKS),
                l -> links.computeIfAbsent(l.source().id(), u -> new ArrayList<>()).add(l.target().id()));
        JsonNode sample = ranker.get("served_sample");
        assertTrue(sample.size() >= 10, "sampled users: " + sample.size());
        sample.fields().forEachRemaining(e -> {
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(id -> expected.add(id.asText()));
            assertEquals(expected, links.get(e.getKey()), "predicted links of " + e.getKey());
        });
    }
}
