package io.marketgraph.store;

import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * The Cypher behind audience queries: parameterised statements only (labels come from this class's
 * constants, never from input), run as {@code executeRead} transaction functions. Plain records in
 * and out; the {@link Driver} stays here.
 *
 * <p>Scores come from the <em>current</em> predicted-links version: every query joins on
 * {@code (:PredictionState {key: 'PREDICTED_INTEREST'}).current_version}, so a page never mixes two
 * model versions, even while a new version is being exported (see {@link PredictedLinksExporter}).
 *
 * <p>Neo4j unreachable: once the driver's retries (bounded by the driver's max retry time, see
 * {@link Neo4jConnection}) are spent, every method throws {@link GraphStoreUnavailableException};
 * the same instance works again as soon as Neo4j is back (the driver reconnects). While it is known to
 * be down, calls fail at once, and one a second tries Neo4j again ({@link OutageGate}).
 */
public final class AudienceQueries {

    private static final String CURRENT = "MATCH (s:PredictionState {key: $stateKey}) ";

    private static final String TARGET_FILTER =
            "MATCH (u:User)-[r:PREDICTED_INTEREST]->(t:%s {id: $targetId}) "
            + "WHERE r.model_version = s.current_version AND r.score >= $minScore "
            + "AND ($regions IS NULL OR u.region IN $regions) "
            + "AND (NOT $excludeEngaged OR NOT EXISTS { (u)-[:INTERACTED]->(t) }) "
            + "WITH u, r.score AS score ";

    private static final String CATEGORY_FILTER =
            "CALL { MATCH (t:Post) WHERE t.category = $category RETURN t "
            + "UNION MATCH (t:Business) WHERE t.category = $category RETURN t } "
            + "MATCH (u:User)-[r:PREDICTED_INTEREST]->(t) "
            + "WHERE r.model_version = s.current_version AND r.score >= $minScore "
            + "AND ($regions IS NULL OR u.region IN $regions) "
            + "WITH u, max(r.score) AS score ";

    private static final String LOOKALIKE_FILTER =
            "MATCH (seed:User) WHERE seed.id IN $seeds "
            + "MATCH (seed)-[:INTERACTED]->(t)<-[:INTERACTED]-(u:User) "
            + "WHERE NOT u.id IN $seeds AND ($regions IS NULL OR u.region IN $regions) "
            + "WITH u, count(DISTINCT t) AS shared WHERE shared >= $minShared "
            + "WITH u, toFloat(shared) AS score ";

    private static final String PAGE = "RETURN u.id AS userId, u.region AS region, score "
            + "ORDER BY score DESC, userId ASC SKIP $offset LIMIT $limit";
    private static final String COUNT = "RETURN count(*) AS total";
    private static final String VERSION = CURRENT + "RETURN s.current_version AS version";

    private static final Map<NodeKind, String> TARGET_LABEL = Map.of(NodeKind.POST, "Post", NodeKind.BUSINESS, "Business");

    private final Driver driver;
    private final String neo4j;
    private final OutageGate gate;

    /** {@code neo4j}: how to name the server in error messages (a URI, never a password). */
    public AudienceQueries(Driver driver, String neo4j) {
        this.driver = driver;
        this.neo4j = neo4j;
        this.gate = new OutageGate(neo4j, OutageGate.DEFAULT_RETRY_EVERY, System::nanoTime, this::pingOnce);
    }

    public Audience find(AudienceQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("stateKey", PredictedLinksExporter.STATE_KEY);
        params.put("regions", query.regions().isEmpty() ? null : query.regions());
        params.put("offset", query.offset());
        params.put("limit", query.limit());
        String filter;
        boolean scored = true;
        if (query instanceof AudienceQuery.Target target) {
            filter = CURRENT + String.format(TARGET_FILTER, TARGET_LABEL.get(target.targetKind()));
            params.put("targetId", target.targetId());
            params.put("minScore", target.minScore());
            params.put("excludeEngaged", target.excludeEngaged());
        } else if (query instanceof AudienceQuery.Category category) {
            filter = CURRENT + CATEGORY_FILTER;
            params.put("category", category.category());
            params.put("minScore", category.minScore());
        } else {
            AudienceQuery.Lookalike lookalike = (AudienceQuery.Lookalike) query;
            filter = LOOKALIKE_FILTER;
            params.put("seeds", lookalike.seedUserIds());
            params.put("minShared", lookalike.minShared());
            scored = false;
        }
        boolean usesModel = scored;
        return read(tx -> {
            List<Audience.Member> members = new ArrayList<>();
            for (Record row : tx.run(filter + PAGE, params).list()) {
                Value region = row.get("region");
                members.add(new Audience.Member(row.get("userId").asString(),
                        region.isNull() ? null : region.asInt(), row.get("score").asDouble()));
            }
            long total = tx.run(filter + COUNT, params).single().get("total").asLong();
            String version = null;
            if (usesModel) {
                List<Record> state = tx.run(VERSION, Map.of("stateKey", PredictedLinksExporter.STATE_KEY)).list();
                version = state.isEmpty() ? null : state.get(0).get("version").asString(null);
            }
            return new Audience(members, total, version);
        });
    }

    /** The current predicted-links model version, or {@code null} if none was exported. */
    public String currentModelVersion() {
        return read(tx -> {
            List<Record> state = tx.run(VERSION, Map.of("stateKey", PredictedLinksExporter.STATE_KEY)).list();
            return state.isEmpty() ? null : state.get(0).get("version").asString(null);
        });
    }

    /** A cheap round trip for readiness checks; throws {@link GraphStoreUnavailableException} when down. */
    public void ping() {
        read(tx -> tx.run("RETURN 1 AS ok").single().get("ok").asInt());
    }

    /** {@code RETURN 1} in an auto-commit transaction: no driver retries, so it fails at once while Neo4j is down. */
    private void pingOnce() {
        unavailableAsGraphStoreException(() -> {
            try (Session session = driver.session()) {
                return session.run("RETURN 1 AS ok").consume();
            }
        });
    }

    private <T> T read(java.util.function.Function<TransactionContext, T> work) {
        return gate.call(() -> unavailableAsGraphStoreException(() -> {
            try (Session session = driver.session()) {
                return session.executeRead(work::apply);
            }
        }));
    }

    private <T> T unavailableAsGraphStoreException(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new GraphStoreUnavailableException("Neo4j is unavailable at " + neo4j
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); audience queries will work again once it is reachable", e);
        }
    }
}
