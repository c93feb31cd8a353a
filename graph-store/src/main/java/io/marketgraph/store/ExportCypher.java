package io.marketgraph.store;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * The export's Cypher: one constant, parameterised {@code UNWIND $rows AS row ...} text per label or
 * relationship type and write mode (so the server plans each once and caches the plan), each ending
 * in {@code RETURN count(*) AS written} (rows whose MATCH found nothing are not counted).
 *
 * <p>Two forms of each: MERGE (idempotent: matches what is there and SETs every property from the
 * input) and CREATE (a first load: no lookup of an existing node or relationship). CREATE is only
 * used where {@link #isEmpty} found no node of that label or relationship of that type before the
 * stage began, the input has no duplicate keys (the exporter rejects duplicates), and a batch the
 * driver retries runs the MERGE form ({@link PartitionedWriter#add(String, String, String, java.util.Map)}).
 * So a run that crashes half-way leaves a non-empty type and the next run MERGEs: still correct.
 */
final class ExportCypher {

    /** A statement's first-load (CREATE) and idempotent (MERGE) forms. */
    record Statement(String create, String merge) {
        /** The text for a batch's first attempt. */
        String first(boolean fresh) {
            return fresh ? create : merge;
        }
    }

    /** Node statements hand back each row's Neo4j node id, for the relationship statements. */
    private static final String RETURN_IDS = "RETURN count(*) AS written, collect([row.n, id(n)]) AS ids";

    private ExportCypher() {}

    static Statement node(String label) {
        return new Statement(
                "UNWIND $rows AS row CREATE (n:" + label + " {id: row.id, region: row.region, category: row.category, "
                        + "degree: row.degree, pagerank: row.pagerank, component: row.component}) " + RETURN_IDS,
                "UNWIND $rows AS row MERGE (n:" + label + " {id: row.id}) "
                        + "SET n.region = row.region, n.category = row.category, n.degree = row.degree, "
                        + "n.pagerank = row.pagerank, n.component = row.component " + RETURN_IDS);
    }

    /**
     * {@code (a:sourceLabel)-[r:type]->(b:targetLabel)} between the nodes whose Neo4j node ids are
     * {@code row.s} and {@code row.t} (as the node stage of the same export returned them: a seek by
     * id, no index lookup and no index-entry lock; a node deleted or relabelled since is not matched
     * and the row is not counted), with the properties {@code row.p} (SET r = map: a MERGE also
     * removes properties the input no longer has).
     */
    static Statement relationship(String sourceLabel, String type, String targetLabel) {
        String match = "UNWIND $rows AS row MATCH (a:" + sourceLabel + ") WHERE id(a) = row.s "
                + "MATCH (b:" + targetLabel + ") WHERE id(b) = row.t ";
        return new Statement(
                match + "CREATE (a)-[r:" + type + "]->(b) SET r = row.p RETURN count(*) AS written",
                match + "MERGE (a)-[r:" + type + "]->(b) SET r = row.p RETURN count(*) AS written");
    }

    /**
     * {@code (:User)-[:PREDICTED_INTEREST {model_version: $version, score}]->(:targetLabel)} between the
     * nodes with ids {@code row.u} and {@code row.t} (unique-index seeks: the links file names nodes by
     * id). The MERGE expands the user's links between the two nodes (there must be no relationship
     * property index for the planner to seek instead, see {@link Neo4jSchema}).
     */
    static Statement link(String targetLabel) {
        return linkMatching("UNWIND $rows AS row MATCH (u:User {id: row.u}) MATCH (t:" + targetLabel + " {id: row.t}) ");
    }

    /**
     * As {@link #link(String)}, but {@code row.u} and {@code row.t} are Neo4j node ids, as the node
     * stage of the same export returned them ({@link WrittenNodes}): seeks by id, no index lookup.
     */
    static Statement linkByNodeId(String targetLabel) {
        return linkMatching("UNWIND $rows AS row MATCH (u:User) WHERE id(u) = row.u MATCH (t:" + targetLabel + ") WHERE id(t) = row.t ");
    }

    private static Statement linkMatching(String match) {
        String type = PredictedLinksExporter.PREDICTED_INTEREST;
        return new Statement(
                match + "CREATE (u)-[r:" + type + " {model_version: $version, score: row.s}]->(t) RETURN count(*) AS written",
                match + "MERGE (u)-[r:" + type + " {model_version: $version}]->(t) SET r.score = row.s RETURN count(*) AS written");
    }

    /** Whether the database holds no node with {@code label} (a count-store lookup, O(1)). */
    static boolean noNodes(Driver driver, String label) {
        return isEmpty(driver, "MATCH (n:" + label + ") RETURN count(n) AS c");
    }

    /** Whether the database holds no relationship of {@code type} (a count-store lookup, O(1)). */
    static boolean noRelationships(Driver driver, String type) {
        return isEmpty(driver, "MATCH ()-[r:" + type + "]->() RETURN count(r) AS c");
    }

    private static boolean isEmpty(Driver driver, String countQuery) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(countQuery).single().get("c").asLong()) == 0;
        }
    }
}
