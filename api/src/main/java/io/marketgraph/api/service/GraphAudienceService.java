package io.marketgraph.api.service;

import io.marketgraph.api.model.ModelManager;
import io.marketgraph.model.NodeKind;
import io.marketgraph.store.Audience;
import io.marketgraph.store.AudienceQueries;
import io.marketgraph.store.AudienceQuery;
import io.marketgraph.store.GraphStoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audiences answered by Neo4j (the request's {@code source: graph}): predicted interest exported
 * by export-neo4j combined with graph facts (regions, existing engagement), in parameterized Cypher
 * ({@link AudienceQueries}). When Neo4j is unreachable these requests get a 503 that says so, and
 * they work again by themselves once it is back; nothing else in the API depends on Neo4j.
 */
public final class GraphAudienceService {

    private static final Logger LOG = LoggerFactory.getLogger(GraphAudienceService.class);

    private final ModelManager models;
    private final Optional<AudienceQueries> queries;

    public GraphAudienceService(ModelManager models, Optional<AudienceQueries> queries) {
        this.models = models;
        this.queries = queries;
    }

    public AudienceService.Result audience(AudienceService.Request r) {
        AudienceQueries q = queries.orElseThrow(() -> new ApiException(503, "graph_store_unavailable",
                "audiences with source 'graph' need Neo4j: start serve with NEO4J_URI set (bin/marketgraph neo4j for a local one)"));
        AudienceQuery query = query(r);
        if (r.type() == AudienceService.TargetType.POSTS) {
            // Neo4j holds the build's statuses: a post sold or hidden through ingest since seeds nothing here either
            try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
                AudienceService.requireActive(lease.live(), r.ids());
            }
        }
        Audience audience;
        try {
            audience = q.find(query);
        } catch (GraphStoreUnavailableException e) {
            LOG.warn("audience with source 'graph': {}", e.getMessage());   // where Neo4j is stays in the log, not in the answer
            throw new ApiException(503, "graph_store_unavailable", "Neo4j is unavailable: audiences with source 'graph' work again "
                    + "once it is reachable; audiences with source 'embeddings' and every other endpoint keep working");
        }
        List<AudienceService.Member> members = new ArrayList<>();
        for (Audience.Member m : audience.members()) {
            members.add(new AudienceService.Member(m.userId(), m.score(), m.region() == null ? -1 : m.region()));
        }
        String scoring = query instanceof AudienceQuery.Lookalike ? "neo4j:shared_interactions" : "neo4j:predicted_interest";
        return new AudienceService.Result(audience.modelVersion(), scoring, (int) Math.min(Integer.MAX_VALUE, audience.total()),
                false, r.minScore(), r.offset(), r.limit(), members);
    }

    private static AudienceQuery query(AudienceService.Request r) {
        List<Integer> regions = r.regions();
        double minScore = r.minScore() == null ? 0 : r.minScore();
        int limit = r.size() == null ? r.limit() : Math.min(r.limit(), Math.max(0, r.size() - r.offset()));
        try {
            return switch (r.type()) {
                case BUSINESS, POSTS -> {
                    if (r.ids() == null || r.ids().size() != 1) {
                        throw ApiException.badRequest("target.ids must hold exactly 1 id for source 'graph', got "
                                + (r.ids() == null ? 0 : r.ids().size()));
                    }
                    yield new AudienceQuery.Target(r.type() == AudienceService.TargetType.BUSINESS ? NodeKind.BUSINESS : NodeKind.POST,
                            r.ids().get(0), regions, minScore, r.excludeFollowers(), Math.max(1, limit), r.offset());
                }
                case CATEGORY -> {
                    if (r.category() == null) {
                        throw ApiException.badRequest("target.category is required when target.type is category");
                    }
                    yield new AudienceQuery.Category(r.category(), regions, minScore, Math.max(1, limit), r.offset());
                }
                case USERS -> new AudienceQuery.Lookalike(r.ids(), regions, 1, Math.max(1, limit), r.offset());
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
