package io.marketgraph.personalize.train;

import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.registry.PromotionGate;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What train-rerank needs, validated once.
 *
 * @param graph           the training graph (build-graph --split-at T): searches after T are used, earlier ones are in the graph
 * @param searchLogs      search logs (file or directory of JSON Lines parts)
 * @param postsCsv        the entities' posts.csv (listing time and seller of each post)
 * @param regionsCsv      the entities' regions.csv (region coordinates), or null: then the distance feature is 0
 * @param registry        the model registry: the CURRENT version's embeddings are used, and the re-ranker is registered as a new version on top of it
 * @param testFraction    the latest share of the searches after T held out for evaluation
 * @param minInteractions users with fewer interactions in the graph keep the base order (the cold-start policy)
 * @param resamples       bootstrap resamples for the confidence intervals
 */
public record TrainRerankConfig(Path graph, Path searchLogs, Path postsCsv, Path regionsCsv, Path registry, double testFraction,
                                int minInteractions, LinkModelConfig model, int resamples, PromotionGate gate,
                                boolean force, int keepVersions, Path report) {

    public TrainRerankConfig {
        if (!(testFraction > 0 && testFraction < 1) || minInteractions < 0 || resamples < 100 || keepVersions < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need 0 < test-fraction < 1, min-interactions >= 0, bootstrap >= 100, keep >= 1; got %s, %d, %d, %d",
                    testFraction, minInteractions, resamples, keepVersions));
        }
    }
}
