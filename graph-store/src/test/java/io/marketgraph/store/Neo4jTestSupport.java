package io.marketgraph.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.neo4j.Neo4jContainer;

/**
 * Hands out one real Neo4j for all integration tests of a test JVM (failsafe runs every *IT class in
 * one fork, so it starts once, ~10-20 s here): a Testcontainers {@code neo4j:5.26} when a Docker
 * engine is present, else an in-process server (neo4j-harness, Bolt on a free port, HTTP off).
 * Tests talk to either through the Java driver only, so both paths run the same code. Stopped by a
 * JVM shutdown hook.
 */
public final class Neo4jTestSupport {

    /** The Testcontainers image: pinned to the server line this module targets. */
    public static final String IMAGE = "neo4j:5.26";

    private static Driver driver;
    private static URI boltUri;
    private static String kind;

    private Neo4jTestSupport() {}

    /** A driver to the shared server (no auth), starting the server on first use. */
    public static synchronized Driver driver() {
        if (driver == null) {
            start();
        }
        return driver;
    }

    public static synchronized URI boltUri() {
        driver();
        return boltUri;
    }

    /** "testcontainers neo4j:5.26" or "neo4j-harness (in-process)": for test output. */
    public static synchronized String kind() {
        driver();
        return kind;
    }

    private static void start() {
        long t0 = System.nanoTime();
        AutoCloseable server;
        if (DockerClientFactory.instance().isDockerAvailable()) {
            Neo4jContainer container = new Neo4jContainer(IMAGE).withoutAuthentication();
            container.start();
            boltUri = URI.create(container.getBoltUrl());
            server = container::stop;
            kind = "testcontainers " + IMAGE;
        } else {
            Neo4j harness = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
            boltUri = harness.boltURI();
            server = harness;
            kind = "neo4j-harness (in-process)";
        }
        driver = Neo4jConnection.noAuth(boltUri, Neo4jConnection.BATCH_RETRY).openDriver();
        driver.verifyConnectivity();
        System.err.printf("Neo4jTestSupport: %s at %s started in %.1f s%n", kind, boltUri, (System.nanoTime() - t0) / 1e9);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            driver.close();
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Neo4jTestSupport: stopping " + kind + " failed: " + e);
            }
        }, "neo4j-test-support-stop"));
    }

    /** Deletes every node and relationship (the schema stays: it is idempotent). */
    public static void clean() {
        try (Session session = driver().session()) {
            session.executeWrite(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
        }
    }

    /** Runs a read and returns its rows as maps, for exact comparisons. */
    public static List<Map<String, Object>> rows(String cypher, Map<String, Object> params) {
        try (Session session = driver().session()) {
            return session.executeRead(tx -> {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Record r : tx.run(cypher, params).list()) {
                    out.add(r.asMap());
                }
                return out;
            });
        }
    }

    public static List<Map<String, Object>> rows(String cypher) {
        return rows(cypher, Map.of());
    }

    public static long count(String cypher) {
        return ((Number) rows(cypher).get(0).values().iterator().next()).longValue();
    }
}
