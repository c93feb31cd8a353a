package io.marketgraph.store;

import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Writes rows with {@code threads} concurrent sessions: rows are routed by a partition key (the
 * node that many rows share, such as an interaction's user) so that no two threads ever write to
 * the same node of that side, which keeps lock waits and deadlocks between them rare (the driver
 * retries a deadlocked batch). Within a partition the batches run in order, one at a time, each an
 * {@code executeWrite} of one {@code UNWIND $rows} statement ending in
 * {@code RETURN count(*) AS written}: rows whose MATCH found nothing are not counted, which is
 * how callers see (and report) rows that named unknown nodes. The driver retries a batch on
 * transient errors, so a statement must be idempotent, or name an idempotent twin for retries
 * ({@link #add(String, String, String, Map)}, used for CREATE). Holds the batch's rows until it is
 * written, never more than the memory bound below.
 *
 * <p>Memory: per partition and statement one filling batch, plus at most two batches a thread in
 * flight. More threads use more cores of the server (a transaction runs on one server thread).
 */
final class PartitionedWriter {

    private final int batchSize;
    private final ProgressTracker.Stage stage;
    private final Map<String, Object> fixedParams;
    private final ExecutorService[] threads;
    private final Session[] sessions;
    private final Map<String, List<Map<String, Object>>>[] buffers;
    private final Semaphore inFlight;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Map<String, String> retries = new HashMap<>();
    private final AtomicLong retried = new AtomicLong();
    private IdSink idSink;

    /** Receives a statement's {@code ids}: pairs {@code [row's dense node, Neo4j node id]}. */
    interface IdSink {
        void accept(int node, long neo4jId);
    }

    @SuppressWarnings("unchecked")
    PartitionedWriter(Driver driver, int threadCount, int batchSize, ProgressTracker.Stage stage,
                      Map<String, Object> fixedParams) {
        this.batchSize = batchSize;
        this.stage = stage;
        this.fixedParams = Map.copyOf(fixedParams);
        this.threads = new ExecutorService[threadCount];
        this.sessions = new Session[threadCount];
        this.buffers = new Map[threadCount];
        this.inFlight = new Semaphore(2 * threadCount);
        for (int p = 0; p < threadCount; p++) {
            int partition = p;
            threads[p] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "neo4j-writer-" + partition);
                t.setDaemon(true);
                return t;
            });
            sessions[p] = driver.session();   // used only by its own thread from here on
            buffers[p] = new HashMap<>();
        }
    }

    /**
     * For statements that also {@code RETURN collect([row.n, id(n)]) AS ids}: the writer threads
     * hand each pair to {@code sink} (different rows from different threads; what they wrote is
     * visible to the caller after {@link #finish}). Set before the first {@code add}.
     */
    PartitionedWriter withIds(IdSink sink) {
        this.idSink = sink;
        return this;
    }

    /** Buffers {@code row} for {@code cypher} in the partition of {@code key}; sends full batches. */
    void add(String cypher, String key, Map<String, Object> row) {
        add(cypher, cypher, key, row);
    }

    /**
     * As {@link #add(String, String, Map)}, but a batch the driver retries (after a transient error:
     * a deadlock, a lost connection, possibly after its commit succeeded) runs {@code retryCypher}
     * instead: a CREATE statement must name its MERGE twin here, so that a retry never writes a
     * relationship twice.
     */
    void add(String cypher, String retryCypher, String key, Map<String, Object> row) {
        retries.putIfAbsent(cypher, retryCypher);
        int partition = Math.floorMod(key.hashCode(), threads.length);
        List<Map<String, Object>> rows = buffers[partition].computeIfAbsent(cypher, c -> new ArrayList<>(batchSize));
        rows.add(row);
        if (rows.size() >= batchSize) {
            buffers[partition].remove(cypher);
            submit(partition, cypher, rows);
        }
    }

    private void submit(int partition, String cypher, List<Map<String, Object>> rows) {
        rethrowFailure();
        inFlight.acquireUninterruptibly();
        Map<String, Object> params = new HashMap<>(fixedParams);
        params.put("rows", rows);
        Session session = sessions[partition];
        String retryCypher = retries.getOrDefault(cypher, cypher);
        threads[partition].execute(() -> {
            try {
                if (failure.get() == null) {
                    int[] attempts = {0};
                    Record result = session.executeWrite(tx -> {
                        if (attempts[0]++ > 0) {
                            retried.incrementAndGet();
                        }
                        return tx.run(attempts[0] == 1 ? cypher : retryCypher, params).single();
                    });
                    if (idSink != null) {
                        for (Value pair : result.get("ids").values()) {
                            idSink.accept(pair.get(0).asInt(), pair.get(1).asLong());
                        }
                    }
                    sent.addAndGet(rows.size());
                    written.addAndGet(result.get("written").asLong());
                    stage.advance(rows.size());
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    /** Sends what is buffered, waits for every batch, closes the sessions; rethrows a batch's failure. */
    void finish() {
        try {
            for (int p = 0; p < threads.length; p++) {
                for (Map.Entry<String, List<Map<String, Object>>> e : buffers[p].entrySet()) {
                    submit(p, e.getKey(), e.getValue());
                }
                buffers[p].clear();
            }
        } finally {
            for (int p = 0; p < threads.length; p++) {
                Session session = sessions[p];
                threads[p].execute(session::close);
                threads[p].shutdown();
            }
            for (ExecutorService thread : threads) {
                try {
                    if (!thread.awaitTermination(1, TimeUnit.HOURS)) {
                        throw new IllegalStateException("a Neo4j writer thread did not finish within an hour");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Neo4j writer threads", e);
                }
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    long sent() {
        return sent.get();
    }

    long written() {
        return written.get();
    }

    /** Batches the driver ran more than once (after transient errors). */
    long retried() {
        return retried.get();
    }
}
