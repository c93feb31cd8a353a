package io.marketgraph.store;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Fails fast while Neo4j is known to be unreachable (a circuit breaker). Without it every request
 * of an outage waits out the driver's retries (up to {@link Neo4jConnection#REQUEST_RETRY}) before
 * its 503: under load, most of them hit the client's timeout instead (wrk, 2 s).
 *
 * <p>After a call fails with {@link GraphStoreUnavailableException}, calls fail at once with a
 * message that says since when and why, until {@code retryEvery} has passed; then one call at a
 * time goes through to Neo4j while the others keep failing fast. That call first runs
 * {@code probe}, a round trip without the driver's retries, so that it too fails at once while Neo4j
 * is still down (with the retries it waited up to 2 s and timed out at the client). The first call that
 * succeeds ends the outage: every call goes to Neo4j again. So recovery takes at most
 * {@code retryEvery} plus one round trip once Neo4j is back, and needs no restart. Errors other than
 * {@link GraphStoreUnavailableException} (a bad query) pass through and start no outage.
 */
final class OutageGate {

    static final Duration DEFAULT_RETRY_EVERY = Duration.ofSeconds(1);

    private final String neo4j;
    private final long retryEveryNanos;
    private final LongSupplier nanoClock;
    private final Runnable probe;
    private final AtomicBoolean probeRunning = new AtomicBoolean();
    private volatile Outage outage;   // null: Neo4j answered the last call

    private record Outage(long sinceNanos, long nextProbeNanos, String cause) {}

    /** {@code probe}: a cheap round trip that throws {@link GraphStoreUnavailableException} without retrying. */
    OutageGate(String neo4j, Duration retryEvery, LongSupplier nanoClock, Runnable probe) {
        if (retryEvery.isNegative() || retryEvery.isZero()) {
            throw new IllegalArgumentException("retryEvery must be > 0, got " + retryEvery);
        }
        this.neo4j = neo4j;
        this.retryEveryNanos = retryEvery.toNanos();
        this.nanoClock = nanoClock;
        this.probe = probe;
    }

    /** Runs {@code call} unless Neo4j is known to be down and it is not yet time for a probe. */
    <T> T call(Supplier<T> call) {
        Outage known = outage;
        boolean probing = false;
        if (known != null) {
            long now = nanoClock.getAsLong();
            if (now - known.nextProbeNanos() < 0 || !probeRunning.compareAndSet(false, true)) {
                throw failFast(known, now);
            }
            probing = true;
        }
        try {
            if (probing) {
                probe.run();
            }
            T result = call.get();
            outage = null;
            return result;
        } catch (GraphStoreUnavailableException e) {
            long now = nanoClock.getAsLong();
            Outage before = outage;
            outage = new Outage(before == null ? now : before.sinceNanos(), now + retryEveryNanos,
                    String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            throw e;
        } finally {
            if (probing) {
                probeRunning.set(false);
            }
        }
    }

    private GraphStoreUnavailableException failFast(Outage known, long now) {
        return new GraphStoreUnavailableException(String.format(Locale.ROOT,
                "Neo4j is unavailable at %s (unreachable for %.1f s; last error: %s); it is tried again every %d ms "
                        + "and audience queries will work again once it is reachable",
                neo4j, (now - known.sinceNanos()) / 1e9, known.cause(), retryEveryNanos / 1_000_000), null);
    }
}
