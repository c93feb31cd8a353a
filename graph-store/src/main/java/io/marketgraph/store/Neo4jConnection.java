package io.marketgraph.store;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * Where Neo4j is and how to talk to it; {@link #openDriver()} is the one place a {@link Driver} is
 * made. From the environment ({@link #fromEnv}): {@code NEO4J_URI} (default {@value #DEFAULT_URI},
 * the embedded server of {@code bin/marketgraph neo4j}), {@code NEO4J_USER} and
 * {@code NEO4J_PASSWORD} (no user: no authentication).
 *
 * @param uri            a {@code bolt://} or {@code neo4j://} URI (with {@code +s}/{@code +ssc} variants)
 * @param user           user name, or {@code null} for no authentication
 * @param password       password (required with a user)
 * @param maxRetryTime   how long a transaction function is retried on transient errors and on an
 *                       unreachable server before the error surfaces. Batch export wants long (rides
 *                       over a leader switch); a request path wants short (fail fast to a 503)
 * @param connectTimeout TCP connect timeout
 */
public record Neo4jConnection(URI uri, String user, String password, Duration maxRetryTime, Duration connectTimeout) {

    public static final String DEFAULT_URI = "bolt://127.0.0.1:7687";
    public static final Duration BATCH_RETRY = Duration.ofSeconds(30);
    /**
     * The driver sleeps about 1 s before its first retry and doubles that: with 500 ms a request that
     * meets a failing server gives up after one retry, about 1.2 s, under a client's usual 2 s timeout
     * (with 2 s it slept 1 s and then 2 s more).
     */
    public static final Duration REQUEST_RETRY = Duration.ofMillis(500);

    public Neo4jConnection {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.matches("bolt|neo4j|bolt\\+s|bolt\\+ssc|neo4j\\+s|neo4j\\+ssc")) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "NEO4J_URI must be a bolt:// or neo4j:// URI, got '%s'", uri));
        }
        if (user != null && (user.isBlank() || password == null)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "NEO4J_USER '%s' needs a non-blank name and NEO4J_PASSWORD set", user));
        }
        if (maxRetryTime.isNegative() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxRetryTime must be >= 0 and connectTimeout > 0, got %s and %s", maxRetryTime, connectTimeout));
        }
    }

    /** No authentication (the embedded dev server, the test harness). */
    public static Neo4jConnection noAuth(URI uri, Duration maxRetryTime) {
        return new Neo4jConnection(uri, null, null, maxRetryTime, Duration.ofSeconds(5));
    }

    /** Reads {@code NEO4J_URI}, {@code NEO4J_USER}, {@code NEO4J_PASSWORD} from {@code env}. */
    public static Neo4jConnection fromEnv(Map<String, String> env, Duration maxRetryTime) {
        String uri = env.getOrDefault("NEO4J_URI", DEFAULT_URI);
        String user = env.get("NEO4J_USER");
        URI parsed;
        try {
            parsed = URI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NEO4J_URI is not a URI: '" + uri + "'", e);
        }
        return new Neo4jConnection(parsed, user == null || user.isEmpty() ? null : user,
                env.get("NEO4J_PASSWORD"), maxRetryTime, Duration.ofSeconds(5));
    }

    public Driver openDriver() {
        AuthToken auth = user == null ? AuthTokens.none() : AuthTokens.basic(user, password);
        Config config = Config.builder()
                .withMaxTransactionRetryTime(maxRetryTime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .withConnectionTimeout(connectTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(Math.max(1, connectTimeout.toMillis() * 2),
                        java.util.concurrent.TimeUnit.MILLISECONDS)
                .build();
        return GraphDatabase.driver(uri, auth, config);
    }

    /** For logs and reports: the URI and user, never the password. */
    public String describe() {
        return uri + (user == null ? " (no auth)" : " as " + user);
    }
}
