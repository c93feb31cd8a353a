package io.marketgraph.store;

import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Session;

/**
 * Sends rows to one {@code UNWIND $rows AS row ...} statement in batches, each batch one
 * {@code executeWrite} transaction function (the driver retries it on transient errors, so the
 * statement must be idempotent: MERGE, not CREATE). Holds at most one batch in memory.
 *
 * <p>The statement must end in {@code RETURN count(*) AS written}: rows whose MATCH found nothing
 * are not counted, which is how callers see (and report) rows that named unknown nodes.
 */
final class BatchWriter {

    private final Session session;
    private final String cypher;
    private final int batchSize;
    private final ProgressTracker.Stage stage;
    private final Map<String, Object> fixedParams;
    private List<Map<String, Object>> rows;
    private long sent;
    private long written;

    BatchWriter(Session session, String cypher, int batchSize, ProgressTracker.Stage stage) {
        this(session, cypher, batchSize, stage, Map.of());
    }

    /** {@code fixedParams}: parameters every batch shares (such as {@code $version}), besides {@code $rows}. */
    BatchWriter(Session session, String cypher, int batchSize, ProgressTracker.Stage stage,
                Map<String, Object> fixedParams) {
        this.fixedParams = Map.copyOf(fixedParams);
        this.session = session;
        this.cypher = cypher;
        this.batchSize = batchSize;
        this.stage = stage;
        this.rows = new ArrayList<>(batchSize);
    }

    void add(Map<String, Object> row) {
        rows.add(row);
        if (rows.size() >= batchSize) {
            flush();
        }
    }

    /** Writes what is buffered. Call once more at the end. */
    void flush() {
        if (rows.isEmpty()) {
            return;
        }
        List<Map<String, Object>> batch = rows;        // the retried function must see the same rows
        rows = new ArrayList<>(batchSize);
        Map<String, Object> params = new HashMap<>(fixedParams);
        params.put("rows", batch);
        long n = session.executeWrite(tx -> tx.run(cypher, params).single().get("written").asLong());
        sent += batch.size();
        written += n;
        stage.advance(batch.size());
    }

    long sent() {
        return sent;
    }

    long written() {
        return written;
    }
}
