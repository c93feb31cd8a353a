package io.marketgraph.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * An embedded Neo4j 5.26 (community) DBMS with Bolt on 127.0.0.1, for local work, the demo and the
 * export benchmark: {@code bin/marketgraph neo4j}. Authentication is off, so it listens on the
 * loopback interface only. Data, transaction logs and logs live under {@code dataDir}; starting
 * again on the same directory finds the data of the last run.
 *
 * <p>Needs the Netty 4.1 line (this module imports {@code netty-bom} 4.1.137.Final): never start it
 * on a Spark classpath (VERSIONS.md section 3).
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /**
     * @param dataDir     the DBMS home: {@code data/}, {@code logs/} and friends go under it
     * @param port        Bolt port on 127.0.0.1; 0 picks a free one (see {@link #boltUri()})
     * @param pageCacheMb page cache size; the store files that fit in it are read from memory.
     *                    The default (512) holds a few million nodes and relationships
     */
    public record Settings(Path dataDir, int port, int pageCacheMb) {
        public static final int DEFAULT_PORT = 7687;
        public static final int DEFAULT_PAGE_CACHE_MB = 512;

        public Settings {
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir must be given");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--port must be in 0..65535, got %d", port));
            }
            if (pageCacheMb < 8) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--page-cache-mb must be >= 8, got %d", pageCacheMb));
            }
        }
    }

    private final DatabaseManagementService dbms;
    private final URI boltUri;

    private EmbeddedNeo4j(DatabaseManagementService dbms, URI boltUri) {
        this.dbms = dbms;
        this.boltUri = boltUri;
    }

    /** Starts the DBMS and waits until the default database is available (about 10-20 s here). */
    public static EmbeddedNeo4j start(Settings settings) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(settings.dataDir().toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", settings.port()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, settings.pageCacheMb() * 1024L * 1024L)
                .build();
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        return new EmbeddedNeo4j(dbms, URI.create("bolt://127.0.0.1:" + port));
    }

    public URI boltUri() {
        return boltUri;
    }

    /** Stops the DBMS cleanly (checkpoint, close the stores): the next start does no recovery. */
    @Override
    public void close() {
        dbms.shutdown();
    }
}
