package io.marketgraph.store;

import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 *       The previous version's links are untouched. When V has no link in the database yet and a
 *       first pass over the file found every (user, target) pair at most once, with the links of
 *       each user and target kind together (as train-links writes them), the links are CREATEd instead: nothing to
 *       look up, and no pair can be written twice. A batch the driver retries runs the MERGE.</li>
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

    private static final Map<NodeKind, ExportCypher.Statement> LINKS = new EnumMap<>(Map.of(
            NodeKind.POST, ExportCypher.link("Post"), NodeKind.BUSINESS, ExportCypher.link("Business")));
    private static final Map<NodeKind, ExportCypher.Statement> LINKS_BY_NODE_ID = new EnumMap<>(Map.of(
            NodeKind.POST, ExportCypher.linkByNodeId("Post"), NodeKind.BUSINESS, ExportCypher.linkByNodeId("Business")));

    private static final String ANY_OF_VERSION = "MATCH ()-[r:" + PREDICTED_INTEREST + "]->() "
            + "WHERE r.model_version = $version RETURN 1 LIMIT 1";

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

    /**
     * Counts of one predicted-links export.
     *
     * @param created whether the links were CREATEd (a version new to the database, a file without duplicate pairs)
     */
    public record Result(String modelVersion, long read, long written, long deletedOtherVersions,
                         Map<RejectReason, Long> rejected, boolean created) {
        public Result {
            rejected = Map.copyOf(rejected);
        }
    }

    public Result export(Path linksFile, String modelVersion) {
        return export(linksFile, modelVersion, WrittenNodes.none());
    }

    /**
     * As {@link #export(Path, String)}; a link whose user and target are both in {@code graphNodes} (the
     * graph stage of the same export wrote them) seeks its two nodes by Neo4j node id, any other link
     * through the unique indexes.
     */
    public Result export(Path linksFile, String modelVersion, WrittenNodes graphNodes) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("--model-version must be non-blank to export predicted links, got '"
                    + modelVersion + "'");
        }
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long read;
        long sent = 0;
        long written = 0;
        boolean noLinksBefore = ExportCypher.noRelationships(driver, PREDICTED_INTEREST);
        boolean create = (noLinksBefore || versionAbsent(modelVersion)) && userGroupedWithoutDuplicates(linksFile);
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
                        long user = graphNodes.neo4jId(NodeKind.USER, link.source().id());
                        long target = graphNodes.neo4jId(link.target().kind(), link.target().id());
                        boolean byNodeId = user >= 0 && target >= 0;
                        ExportCypher.Statement st = (byNodeId ? LINKS_BY_NODE_ID : LINKS).get(link.target().kind());
                        Map<String, Object> row = byNodeId
                                ? Map.of("u", user, "t", target, "s", link.score())
                                : Map.of("u", link.source().id(), "t", link.target().id(), "s", link.score());
                        writer.add(st.first(create), st.merge(), link.source().id(), row);
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
        long deleted = switchTo(modelVersion, noLinksBefore);
        return new Result(modelVersion, read, written, deleted, rejected, create);
    }

    /** Whether the database holds no link of {@code version} (a scan by type that stops at the first). */
    private boolean versionAbsent(String version) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> !tx.run(ANY_OF_VERSION, Map.of("version", version)).hasNext());
        }
    }

    /**
     * Whether every user -> target link of the file names its pair once and the links of each
     * (user, target kind) are contiguous, as train-links writes them (per task, then per user); links
     * the export rejects do not count. Memory: the groups seen and the targets of the current one.
     */
    static boolean userGroupedWithoutDuplicates(Path linksFile) {
        Set<NodeRef> finishedGroups = new HashSet<>();
        Set<String> targets = new HashSet<>();
        NodeRef[] group = {null};
        boolean[] ok = {true};
        PredictedLinksFormat.read(linksFile, link -> {
            if (!ok[0] || link.source().kind() != NodeKind.USER || link.target().kind() == NodeKind.USER) {
                return;
            }
            NodeRef userAndKind = new NodeRef(link.target().kind(), link.source().id());
            if (!userAndKind.equals(group[0])) {
                if (group[0] != null) {
                    finishedGroups.add(group[0]);
                }
                group[0] = userAndKind;
                targets.clear();
                ok[0] = !finishedGroups.contains(userAndKind);
            }
            ok[0] &= targets.add(link.target().id());
        });
        return ok[0];
    }

    /**
     * Makes {@code modelVersion} current (marker first), then deletes every other version's links: a
     * scan of all links by type, skipped when there were none before this export (a first load).
     */
    private long switchTo(String modelVersion, boolean noLinksBefore) {
        long deleted = 0;
        try (Session session = driver.session();
             ProgressTracker.Stage stage = progress.stage("delete other versions", 0)) {
            String current = session.executeWrite(tx -> tx.run(SWITCH,
                    Map.of("key", STATE_KEY, "version", modelVersion)).single().get("version").asString());
            if (!current.equals(modelVersion)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "PredictionState marker reads '%s' after setting it to '%s'", current, modelVersion));
            }
            long n = noLinksBefore ? 0 : batchSize;
            while (n > 0) {
                n = session.executeWrite(tx -> tx.run(DELETE_OTHERS,
                        Map.of("version", modelVersion, "limit", batchSize)).single().get("deleted").asLong());
                deleted += n;
                stage.advance(n);
            }
        }
        return deleted;
    }
}
