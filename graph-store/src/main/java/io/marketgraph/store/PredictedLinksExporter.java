package io.marketgraph.store;

import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Writes one model version's predicted links as
 * {@code (:User)-[:PREDICTED_INTEREST {score, model_version}]->(:Post|:Business)} and makes that
 * version replace every other one, as a unit.
 *
 * <h2>Replacement, and what a reader sees</h2>
 * <ol>
 *   <li>MERGE every link of version V (keyed by user, target and {@code model_version}; score SET).
 *       The previous version's links are untouched.</li>
 *   <li>In one transaction, set the marker {@code (:PredictionState {key: 'PREDICTED_INTEREST'}).current_version = V}.</li>
 *   <li>Delete the links of every other version, in batches.</li>
 * </ol>
 * Queries that join on the marker (as {@link AudienceQueries} does:
 * {@code MATCH (s:PredictionState {key: 'PREDICTED_INTEREST'}) ... WHERE r.model_version = s.current_version})
 * see the old version complete until step 2 commits and the new one complete after it, never a mix.
 * A query that ignores the marker may see both versions between steps 1 and 3. A run that fails
 * in step 1 leaves the old version current; running it again finishes the job.
 *
 * <p>Re-exporting the same version is a no-op (same relationships, same properties), assuming a
 * version's file is immutable, as model versions in the registry are.
 */
public final class PredictedLinksExporter {

    public static final String PREDICTED_INTEREST = "PREDICTED_INTEREST";
    /** {@code key} of the marker node that names the current version. */
    public static final String STATE_KEY = "PREDICTED_INTEREST";

    private static final Map<NodeKind, String> LINK_MERGE = new EnumMap<>(Map.of(
            NodeKind.POST, linkMerge("Post"), NodeKind.BUSINESS, linkMerge("Business")));

    private static final String SWITCH = "MERGE (s:PredictionState {key: $key}) "
            + "SET s.current_version = $version RETURN s.current_version AS version";

    private static final String DELETE_OTHERS = "MATCH ()-[r:" + PREDICTED_INTEREST + "]->() "
            + "WHERE r.model_version <> $version WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted";

    private final Driver driver;
    private final int batchSize;
    private final int threads;
    private final ProgressTracker progress;

    public PredictedLinksExporter(Driver driver, int batchSize, int threads, ProgressTracker progress) {
        this.driver = driver;
        this.batchSize = batchSize;
        this.threads = threads;
        this.progress = progress;
    }

    /** The MERGE of one batch of links into {@code targetLabel} nodes (package-private: a test checks its plan). */
    static String linkMerge(String targetLabel) {
        return "UNWIND $rows AS row MATCH (u:User {id: row.u}) MATCH (t:" + targetLabel + " {id: row.t}) "
                + "MERGE (u)-[r:" + PREDICTED_INTEREST + " {model_version: $version}]->(t) SET r.score = row.s "
                + "RETURN count(*) AS written";
    }

    /** Counts of one predicted-links export. */
    public record Result(String modelVersion, long read, long written, long deletedOtherVersions,
                         Map<RejectReason, Long> rejected) {
        public Result {
            rejected = Map.copyOf(rejected);
        }
    }

    public Result export(Path linksFile, String modelVersion) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("--model-version must be non-blank to export predicted links, got '"
                    + modelVersion + "'");
        }
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long read;
        long sent = 0;
        long written = 0;
        try (ProgressTracker.Stage stage = progress.stage("predicted links", 0)) {
            PartitionedWriter writer = new PartitionedWriter(driver, threads, batchSize, stage,
                    Map.of("version", modelVersion));
            try {
                read = PredictedLinksFormat.read(linksFile, link -> {
                    if (link.source().kind() != NodeKind.USER) {
                        rejected.merge(RejectReason.LINK_SOURCE_NOT_USER, 1L, Long::sum);
                    } else if (link.target().kind() == NodeKind.USER) {
                        rejected.merge(RejectReason.LINK_TARGET_IS_USER, 1L, Long::sum);
                    } else {
                        writer.add(LINK_MERGE.get(link.target().kind()), link.target().id(),
                                Map.of("u", link.source().id(), "t", link.target().id(), "s", link.score()));
                    }
                });
            } finally {
                writer.finish();
            }
            sent = writer.sent();
            written = writer.written();
        }
        if (sent > written) {
            rejected.put(RejectReason.LINK_UNKNOWN_NODE, sent - written);
        }
        long deleted = switchTo(modelVersion);
        return new Result(modelVersion, read, written, deleted, rejected);
    }

    /** Makes {@code modelVersion} current (marker first), then deletes every other version's links. */
    private long switchTo(String modelVersion) {
        long deleted = 0;
        try (Session session = driver.session();
             ProgressTracker.Stage stage = progress.stage("delete other versions", 0)) {
            String current = session.executeWrite(tx -> tx.run(SWITCH,
                    Map.of("key", STATE_KEY, "version", modelVersion)).single().get("version").asString());
            if (!current.equals(modelVersion)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "PredictionState marker reads '%s' after setting it to '%s'", current, modelVersion));
            }
            long n;
            do {
                n = session.executeWrite(tx -> tx.run(DELETE_OTHERS,
                        Map.of("version", modelVersion, "limit", batchSize)).single().get("deleted").asLong());
                deleted += n;
                stage.advance(n);
            } while (n > 0);
        }
        return deleted;
    }
}
