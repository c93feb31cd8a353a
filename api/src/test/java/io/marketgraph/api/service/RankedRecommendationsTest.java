package io.marketgraph.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.linkpred.ranker.TimedMarket;
import io.marketgraph.model.NodeKind;
import io.marketgraph.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API serves exactly the ranking train-links reported: same candidates, same ranker, calibrated scores. */
class RankedRecommendationsTest {

    @TempDir
    Path tmp;

    @Test
    void recommendations_equal_the_reports_ranking_for_the_sampled_users() throws Exception {
        Path registryDir = tmp.resolve("registry");
        JsonNode sample = TimedMarket.trainRanker(tmp, registryDir).get("user_post").get("ranker").get("served_sample");
        ModelManager models = new ModelManager(new ModelRegistry(registryDir));
        models.loadCurrent();
        RecommendationService service = new RecommendationService(models, 8);
        assertTrue(sample.size() >= 10, "sampled users: " + sample.size());
        sample.fields().forEachRemaining(e -> {
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(id -> expected.add(id.asText()));
            RecommendationService.Result r = service.recommend(e.getKey(), NodeKind.POST, expected.size(), Set.of(), List.of());
            assertEquals("ranker", r.strategy());
            assertEquals(expected, r.items().stream().map(RecommendationService.Item::id).toList(), "user " + e.getKey());
            for (int i = 0; i < r.items().size(); i++) {
                double score = r.items().get(i).score();
                assertTrue(score >= 0 && score <= 1, "a calibrated probability: " + score);
                assertTrue(i == 0 || score <= r.items().get(i - 1).score(), "scores follow the ranking");
            }
        });

        RecommendationService.Result fresh = service.recommend("new-user", NodeKind.POST, 5, Set.of(), List.of("p0", "p4"));
        assertEquals("ranker", fresh.strategy());
        assertEquals(5, fresh.items().size());
        assertFalse(fresh.items().stream().anyMatch(i -> i.id().equals("p0") || i.id().equals("p4")), "recent posts are not sent back");
        RecommendationService.Result region = service.recommend("u8", NodeKind.POST, 5, Set.of(1), List.of());
        assertTrue(region.items().stream().allMatch(i -> i.region() == 1), "the region filter holds");
        models.close();
    }
}
