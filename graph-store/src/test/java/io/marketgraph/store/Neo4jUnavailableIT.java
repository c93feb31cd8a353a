package io.marketgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.model.NodeKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Neo4j goes away and comes back: queries fail with {@link GraphStoreUnavailableException} (the API's
 * 503) while it is down and work again afterwards on the same driver, with no restart of the caller.
 * Uses the embedded server of {@code bin/marketgraph neo4j} (stopped and started again on the same
 * port and directory), not the shared test server.
 */
class Neo4jUnavailableIT {

    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Test
    void queries_fail_with_graph_store_unavailable_while_neo4j_is_down_and_recover_when_it_is_back() throws IOException {
        EmbeddedNeo4j.Settings settings = new EmbeddedNeo4j.Settings(tmp.resolve("neo4j"), freePort(), 64);
        EmbeddedNeo4j server = EmbeddedNeo4j.start(settings);
        URI uri = server.boltUri();
        assertEquals(URI.create("bolt://127.0.0.1:" + settings.port()), uri);
        AudienceQuery query = new AudienceQuery.Target(NodeKind.BUSINESS, "b1", List.of(), 0.0, false, 10, 0);
        try (Driver driver = Neo4jConnection.noAuth(uri, Duration.ofSeconds(1)).openDriver()) {
            try (Session session = driver.session()) {
                session.executeWrite(tx -> tx.run("CREATE (:PredictionState {key: 'PREDICTED_INTEREST', current_version: 'v1'}) "
                        + "CREATE (:User {id: 'u1', region: 1})-[:PREDICTED_INTEREST {model_version: 'v1', score: 0.5}]->"
                        + "(:Business {id: 'b1'})").consume());
            }
            AudienceQueries queries = new AudienceQueries(driver, uri.toString());
            List<Audience.Member> expected = List.of(new Audience.Member("u1", 1, 0.5));
            assertEquals(expected, queries.find(query).members());

            server.close();
            long t0 = System.nanoTime();
            GraphStoreUnavailableException down = assertThrows(GraphStoreUnavailableException.class, () -> queries.find(query));
            double failSeconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(down.getMessage().startsWith("Neo4j is unavailable at " + uri + " ("), down.getMessage());
            assertTrue(failSeconds < 15, "failing took " + failSeconds + " s; the retry budget is 1 s");
            assertThrows(GraphStoreUnavailableException.class, queries::ping);

            server = EmbeddedNeo4j.start(settings);
            assertEquals(uri, server.boltUri());
            // the instance tries Neo4j again at most a retry interval after the last failure (OutageGate);
            // until then it fails fast, so wait that long (a restart in this JVM can take less)
            sleepMillis(OutageGate.DEFAULT_RETRY_EVERY.toMillis());
            assertEquals(expected, queries.find(query).members());   // same driver, same instance: recovered
            queries.ping();
        } finally {
            server.close();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
