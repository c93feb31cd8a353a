package io.marketgraph.api.http;

import io.marketgraph.api.ingest.IngestService;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.service.AudienceService;
import io.marketgraph.api.service.GraphAudienceService;
import io.marketgraph.api.service.LinkScoringService;
import io.marketgraph.api.service.RecommendationService;
import io.marketgraph.api.service.RerankService;
import io.marketgraph.api.service.SimilarityService;
import io.marketgraph.store.AudienceQueries;
import java.util.Optional;

/** Everything the HTTP layer calls; built once per server, no static state. */
public record ApiServices(ModelManager models, RecommendationService recommendations, LinkScoringService links,
                          AudienceService audiences, GraphAudienceService graphAudiences, RerankService rerank,
                          SimilarityService similar, IngestService ingest) {

    /** Cells scanned per ANN query: recall@20 against exact search is measured by the retrieval benchmark. */
    public static final int DEFAULT_NPROBE = 24;

    /** Services over the model manager; {@code graph} answers audiences with source 'graph' (empty: 503 for those). */
    public static ApiServices create(ModelManager models, int nprobe, Optional<AudienceQueries> graph) {
        return new ApiServices(models, new RecommendationService(models, nprobe), new LinkScoringService(models),
                new AudienceService(models, nprobe), new GraphAudienceService(models, graph), new RerankService(models),
                new SimilarityService(models, nprobe), new IngestService(models, java.time.Clock.systemUTC()));
    }
}
