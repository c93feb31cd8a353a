package io.marketgraph.store;

/**
 * Neo4j could not be reached (server down, network gone, session expired). The one exception the
 * API maps to {@code 503 Service Unavailable}: the request may succeed when retried later, and the
 * same driver reconnects by itself once Neo4j is back (no restart needed).
 *
 * <p>Thrown by {@link AudienceQueries} after the driver's own retries (bounded by
 * {@link Neo4jConnection#maxRetryTime()}) are used up. Its cause is the driver's
 * {@code ServiceUnavailableException} or {@code SessionExpiredException}.
 */
public class GraphStoreUnavailableException extends RuntimeException {

    public GraphStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
