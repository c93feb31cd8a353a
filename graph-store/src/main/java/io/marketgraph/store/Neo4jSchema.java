package io.marketgraph.store;

import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * The graph's schema in Neo4j. Applied idempotently ({@code IF NOT EXISTS}) before every export.
 *
 * <ul>
 *   <li>{@code (:User|:Post|:Business {id})} unique: the export MERGEs on it, the queries look up by it;</li>
 *   <li>{@code User.region}, {@code Post.category}, {@code Post.region}, {@code Business.category},
 *       {@code Business.region}: the audience filters;</li>
 *   <li>{@code (:PredictionState {key})} unique: the marker naming the current model version.</li>
 * </ul>
 *
 * <p>No index on PREDICTED_INTEREST's {@code model_version} or {@code score}, and the statements
 * drop the two that earlier versions created: with them the planner answers "this user's link to
 * this post in version V" (the export's MERGE) and "links into these posts" (the category audience)
 * by seeking every link of the version and filtering on the two ends, so each row costs time in
 * proportion to the links already written and an export of n links grows as n squared (planned on
 * an empty index, and kept). Without them both expand from the nodes they already hold, which costs
 * the degree of the node. Nothing needs the indexes: deleting the other versions' links
 * ({@code model_version <> $v}) scans by type either way.
 */
public final class Neo4jSchema {

    /** Every statement, in the order applied. Names are stable so that a second run is a no-op. */
    public static final List<String> STATEMENTS = List.of(
            "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT business_id IF NOT EXISTS FOR (n:Business) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT prediction_state_key IF NOT EXISTS FOR (n:PredictionState) REQUIRE n.key IS UNIQUE",
            "CREATE INDEX user_region IF NOT EXISTS FOR (n:User) ON (n.region)",
            "CREATE INDEX post_category IF NOT EXISTS FOR (n:Post) ON (n.category)",
            "CREATE INDEX post_region IF NOT EXISTS FOR (n:Post) ON (n.region)",
            "CREATE INDEX business_category IF NOT EXISTS FOR (n:Business) ON (n.category)",
            "CREATE INDEX business_region IF NOT EXISTS FOR (n:Business) ON (n.region)",
            "DROP INDEX predicted_interest_version IF EXISTS",
            "DROP INDEX predicted_interest_score IF EXISTS");

    private Neo4jSchema() {}

    /** Creates what is missing, drops what must go, and waits until every index is online (so the export can use them). */
    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            for (String statement : STATEMENTS) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }
}
