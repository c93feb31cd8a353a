package io.marketgraph.personalize.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.features.RerankFixture;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-ranker scores in plain Java from the logistic layer's weights; the DJL forward pass is the
 * reference. On real featurized candidates of every planted user, trained and after save + load,
 * the scores agree to 1e-5 and the ranking is the scores' order, ties in shown order.
 */
class RerankScoringTest {

    @TempDir
    Path tmp;

    @Test
    void plain_java_scores_equal_the_djl_model_on_featurized_candidates() throws IOException {
        RerankFixture f = new RerankFixture(tmp);
        RerankFeaturizer featurizer = f.featurizer;
        long ts = 40 * 86_400_000L;
        int cols = RerankFeaturizer.NAMES.size();
        // pairwise rows as train-rerank builds them: clicked (the user's taste) minus skipped, both signs
        float[] differences = new float[PlantedMarket.USERS * 2 * cols];
        float[] labels = new float[PlantedMarket.USERS * 2];
        for (int u = 0; u < PlantedMarket.USERS; u++) {
            List<String> ids = List.of("p" + (u % PlantedMarket.CATEGORIES), "p" + ((u + 1) % PlantedMarket.CATEGORIES));
            float[] x = featurizer.features(u, ts, ids, new double[] {1.0, 2.0});
            for (int c = 0; c < cols; c++) {
                differences[2 * u * cols + c] = x[c] - x[cols + c];
                differences[(2 * u + 1) * cols + c] = x[cols + c] - x[c];
            }
            labels[2 * u] = 1f;
        }
        try (RerankModel trained = RerankModel.train(differences, labels, 2, f.facts, f.regions,
                new LinkModelConfig(LinkModelKind.LOGISTIC, 1, 20, 16, 0.05f, 3), ProgressTracker.NOOP)) {
            trained.save(tmp.resolve("rerank"));
            try (RerankModel loaded = RerankModel.load(tmp.resolve("rerank"))) {
                double worst = 0;
                for (int u = 0; u < PlantedMarket.USERS; u++) {
                    List<String> ids = RerankFixture.candidates(u);
                    float[] x = featurizer.features(u, ts, ids, RerankFixture.baseScores(ids.size(), u));
                    float[] reference = trained.djlScores(x, ids.size());
                    for (RerankModel model : List.of(trained, loaded)) {
                        RerankModel.Ranking ranking = model.rank(x, ids.size(), featurizer.interactions(u));
                        assertTrue(ranking.personalized());
                        assertArrayEquals(reference, ranking.scores(), 1e-5f, "user " + u);
                        for (int r = 1; r < ids.size(); r++) {
                            int a = ranking.order()[r - 1];
                            int b = ranking.order()[r];
                            float sa = ranking.scores()[a];
                            float sb = ranking.scores()[b];
                            assertTrue(sa > sb || (sa == sb && a < b), "rank " + r + " of user " + u);
                        }
                        for (int i = 0; i < ids.size(); i++) {
                            worst = Math.max(worst, Math.abs(reference[i] - ranking.scores()[i]));
                        }
                    }
                    assertArrayEquals(trained.djlScores(x, ids.size()), loaded.djlScores(x, ids.size()), "save + load");
                }
                assertTrue(worst < 1e-5, "largest difference " + worst);
                // cold start: fewer than 2 interactions keeps the shown order and is not personalized
                RerankModel.Ranking cold = loaded.rank(new float[3 * cols], 3, 1);
                assertFalse(cold.personalized());
                assertArrayEquals(new int[] {0, 1, 2}, cold.order());
            }
        }
    }

    @Test
    void score_order_is_descending_with_ties_in_list_order() {
        double[] scores = {0.5, 0.9, 0.5, -0.0, 0.0, 0.9, Double.NEGATIVE_INFINITY, 0.7};
        assertArrayEquals(new int[] {1, 5, 7, 0, 2, 4, 3, 6}, ScoreOrder.descending(scores, scores.length));
        assertArrayEquals(new int[] {1, 0, 2}, ScoreOrder.descending(new float[] {0.2f, 0.3f, 0.2f, 9f}, 3));
        float[] floats = {0.5f, 0.9f, 0.5f, -0.0f, 0.0f, 0.9f, Float.NEGATIVE_INFINITY, 0.7f, -3f, Float.MAX_VALUE, -Float.MIN_VALUE};
        assertArrayEquals(new int[] {9, 1, 5, 7, 0, 2, 4, 3, 10, 8, 6}, ScoreOrder.descending(floats, floats.length));
        assertArrayEquals(new int[0], ScoreOrder.descending(new double[0], 0));
    }
}
