package io.marketgraph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OutageGateTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean neo4jUp = true;
    private final OutageGate gate = new OutageGate("bolt://db:7687", Duration.ofMillis(1000), clock::get, () -> {
        probes.incrementAndGet();
        if (!neo4jUp) {
            throw new GraphStoreUnavailableException("ping failed", new RuntimeException("Connection refused (ping)"));
        }
    });

    private Supplier<String> up() {
        return () -> {
            calls.incrementAndGet();
            return "ok";
        };
    }

    private Supplier<String> down() {
        return () -> {
            calls.incrementAndGet();
            throw new GraphStoreUnavailableException("driver gave up", new RuntimeException("Connection refused"));
        };
    }

    @Test
    void after_a_failure_calls_fail_at_once_until_the_next_probe_and_a_successful_probe_ends_the_outage() {
        assertEquals("ok", gate.call(up()));
        GraphStoreUnavailableException first = assertThrows(GraphStoreUnavailableException.class, () -> gate.call(down()));
        assertEquals("driver gave up", first.getMessage());
        assertEquals(2, calls.get());

        clock.addAndGet(400_000_000L);
        GraphStoreUnavailableException fast = assertThrows(GraphStoreUnavailableException.class, () -> gate.call(up()));
        assertEquals(2, calls.get());   // Neo4j was not called
        assertEquals("Neo4j is unavailable at bolt://db:7687 (unreachable for 0.4 s; last error: Connection refused); "
                + "it is tried again every 1000 ms and audience queries will work again once it is reachable", fast.getMessage());

        neo4jUp = false;
        clock.addAndGet(600_000_000L);   // a probe is due: its ping fails, the query is not sent, the outage goes on
        GraphStoreUnavailableException ping = assertThrows(GraphStoreUnavailableException.class, () -> gate.call(up()));
        assertEquals("ping failed", ping.getMessage());
        assertEquals(2, calls.get());
        assertEquals(1, probes.get());
        clock.addAndGet(500_000_000L);
        GraphStoreUnavailableException still = assertThrows(GraphStoreUnavailableException.class, () -> gate.call(up()));
        assertEquals(2, calls.get());
        assertTrue(still.getMessage().contains("(unreachable for 1.5 s; last error: Connection refused (ping))"),
                still.getMessage());

        neo4jUp = true;
        clock.addAndGet(500_000_000L);   // the next probe succeeds: its query runs, and every call goes to Neo4j again
        assertEquals("ok", gate.call(up()));
        assertEquals("ok", gate.call(up()));
        assertEquals(4, calls.get());
        assertEquals(2, probes.get());
    }

    @Test
    void while_one_probe_runs_the_other_calls_fail_fast() {
        assertThrows(GraphStoreUnavailableException.class, () -> gate.call(down()));
        clock.addAndGet(1_000_000_000L);
        int[] innerCalls = {0};
        String result = gate.call(() -> {
            // another request arriving while this probe waits on Neo4j
            assertThrows(GraphStoreUnavailableException.class, () -> gate.call(() -> {
                innerCalls[0]++;
                return "inner";
            }));
            return "probe";
        });
        assertEquals("probe", result);
        assertEquals(0, innerCalls[0]);
    }

    @Test
    void other_exceptions_pass_through_and_start_no_outage() {
        assertThrows(IllegalStateException.class, () -> gate.call(() -> {
            throw new IllegalStateException("a bug, not an outage");
        }));
        assertEquals("ok", gate.call(up()));   // a bug in a query is not an outage
    }
}
