package io.marketgraph.store;

import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * Writes a graph directory's relationships.
 *
 * <p><b>Typed</b> (the directory has {@code interactions.tsv/}, as build-graph writes it): every
 * row of {@code interactions.tsv} (user -> post/business with a count per action) becomes
 * {@code (:User)-[:INTERACTED {weight, n_view, n_search_click, n_like, n_ad_click, n_chat, n_follow,
 * n_purchase}]->(:Post|:Business)}, the weight taken from the same pair in {@code edges.tsv} and the
 * counts that are 0 left unset; every {@code edges.tsv} pair that {@code interactions.tsv} does not
 * have is a listing (build-graph leaves LISTED edges out of interactions.tsv) and becomes
 * {@code (:User|:Business)-[:LISTED {weight}]->(:Post)}.
 *
 * <p><b>Untyped</b> (no {@code interactions.tsv}, e.g. a graph built from a plain edge list): every
 * {@code edges.tsv} edge with one USER end becomes {@code INTERACTED {weight}}, oriented from the
 * user; there is no action and no LISTED.
 *
 * <p>Memory: the weights of all {@code edges.tsv} pairs ({@link PairWeights}) and one batch per
 * statement; {@code interactions.tsv} is streamed.
 */
final class RelationshipExporter {

    static final String INTERACTED = "INTERACTED";
    static final String LISTED = "LISTED";

    /** Counts of the relationship stages; {@code firstLoad}: the types written with CREATE. */
    record Result(long interactions, long listed, Map<RejectReason, Long> rejected, boolean typed,
                  Map<String, Boolean> firstLoad, long retriedBatches) {}

    private final Driver driver;
    private final int batchSize;
    private final int threads;
    private final ProgressTracker progress;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Boolean> firstLoad = new LinkedHashMap<>();
    private long retried;
    private long[] neo4jIds;

    RelationshipExporter(Driver driver, int batchSize, int threads, ProgressTracker progress) {
        this.driver = driver;
        this.batchSize = batchSize;
        this.threads = threads;
        this.progress = progress;
    }

    /** {@code neo4jIds}: the Neo4j node id of each dense node, as the node stage wrote it. */
    Result export(Path graphDir, NodeTable table, long[] neo4jIds) {
        this.neo4jIds = neo4jIds;
        Path interactionsTsv = graphDir.resolve(GraphDirectory.INTERACTIONS_TSV);
        boolean typed = Files.exists(interactionsTsv);
        PairWeights weights = readWeights(graphDir.resolve(GraphDirectory.EDGES_TSV), table, typed);
        long interactions;
        long listed = 0;
        if (typed) {
            interactions = exportInteractions(interactionsTsv, table, weights);
            listed = exportListings(table, weights);
        } else {
            interactions = exportUntyped(table, weights);
        }
        return new Result(interactions, listed, rejected, typed, firstLoad, retried);
    }

    /** Typed: pairs as stored. Untyped: oriented from the user, edges without exactly one user rejected. */
    private PairWeights readWeights(Path edgesTsv, NodeTable table, boolean typed) {
        long total = EdgeRowReader.count(edgesTsv);
        PairWeights weights = new PairWeights(total);
        try (ProgressTracker.Stage stage = progress.stage("edges.tsv", total)) {
            EdgeRowReader.read(edgesTsv, table.size(), (src, dst, weight, file, line) -> {
                stage.advance(1);
                NodeKind a = table.kind(src);
                NodeKind b = table.kind(dst);
                if (!typed && a == NodeKind.USER && b == NodeKind.USER) {
                    reject(RejectReason.EDGE_BETWEEN_USERS);
                } else if (!typed && a != NodeKind.USER && b != NodeKind.USER) {
                    reject(RejectReason.EDGE_WITHOUT_USER);
                } else if (!(typed || a == NodeKind.USER ? weights.put(src, dst, weight) : weights.put(dst, src, weight))) {
                    reject(RejectReason.DUPLICATE_PAIR);
                }
            });
        }
        return weights;
    }

    private long exportInteractions(Path interactionsTsv, NodeTable table, PairWeights weights) {
        Action[] actions = Action.values();
        String[] names = new String[actions.length];
        for (Action a : actions) {
            names[a.ordinal()] = "n_" + a.name().toLowerCase(Locale.ROOT);
        }
        Map<NodeKind, ExportCypher.Statement> statements = Map.of(
                NodeKind.POST, ExportCypher.relationship("User", INTERACTED, "Post"),
                NodeKind.BUSINESS, ExportCypher.relationship("User", INTERACTED, "Business"));
        return writeStage(INTERACTED, "interactions", dataLines(interactionsTsv), threads, (writer, stage, fresh) ->
                InteractionTable.forEach(interactionsTsv, table.size(), (src, dst, counts) -> {
                    PairWeights.Claim claim = weights.claim(src, dst);
                    NodeKind target = table.kind(dst);
                    if (claim == PairWeights.Claim.ABSENT) {
                        reject(RejectReason.INTERACTION_WITHOUT_EDGE, stage);
                    } else if (claim == PairWeights.Claim.ALREADY_CLAIMED) {
                        reject(RejectReason.DUPLICATE_PAIR, stage);
                    } else if (table.kind(src) != NodeKind.USER || (target != NodeKind.POST && target != NodeKind.BUSINESS)) {
                        reject(RejectReason.INTERACTION_NOT_USER_TO_TARGET, stage);
                    } else {
                        Map<String, Object> props = new HashMap<>(4);
                        props.put("weight", weights.weight(src, dst));
                        for (int a = 0; a < counts.length; a++) {
                            if (counts[a] > 0) {
                                props.put(names[a], (long) counts[a]);
                            }
                        }
                        add(writer, statements.get(target), fresh, table, src, dst, props);
                    }
                }));
    }

    private long exportListings(NodeTable table, PairWeights weights) {
        Map<NodeKind, ExportCypher.Statement> statements = Map.of(
                NodeKind.USER, ExportCypher.relationship("User", LISTED, "Post"),
                NodeKind.BUSINESS, ExportCypher.relationship("Business", LISTED, "Post"));
        long[] left = {0};
        weights.forEachUnclaimed((src, dst, w) -> left[0]++);
        // One writer on a first load: each CREATE links into the chains of a post and a seller that the
        // interactions stage has just filled, and two writers deadlocked on those neighbouring
        // relationships (5 retried batches; 5.0 s against 1.8 s with one writer for 35k listings).
        return writeStage(LISTED, "listed", left[0], 1, (writer, stage, fresh) ->
                weights.forEachUnclaimed((src, dst, weight) -> {
                    ExportCypher.Statement st = statements.get(table.kind(src));
                    if (st == null || table.kind(dst) != NodeKind.POST) {
                        reject(RejectReason.EDGE_NOT_TYPED, stage);
                    } else {
                        add(writer, st, fresh, table, src, dst, Map.of("weight", weight));
                    }
                }));
    }

    private long exportUntyped(NodeTable table, PairWeights weights) {
        Map<NodeKind, ExportCypher.Statement> statements = Map.of(
                NodeKind.POST, ExportCypher.relationship("User", INTERACTED, "Post"),
                NodeKind.BUSINESS, ExportCypher.relationship("User", INTERACTED, "Business"));
        return writeStage(INTERACTED, "interactions", weights.size(), threads, (writer, stage, fresh) ->
                weights.forEachUnclaimed((user, target, weight) ->
                        add(writer, statements.get(table.kind(target)), fresh, table, user, target, Map.of("weight", weight))));
    }

    /** What one stage sends: its rows, through {@code writer}, in CREATE form when {@code fresh}. */
    private interface StageRows {
        void send(PartitionedWriter writer, ProgressTracker.Stage stage, boolean fresh);
    }

    /**
     * One relationship type's stage: CREATE when the database has none of {@code type} yet (recorded
     * in {@code firstLoad}) with {@code firstLoadWriters} sessions, else MERGE with {@code threads};
     * a writer that batches, retries and counts; returns what was written.
     */
    private long writeStage(String type, String stageName, long total, int firstLoadWriters, StageRows rows) {
        boolean fresh = ExportCypher.noRelationships(driver, type);
        firstLoad.put(type, fresh);
        try (ProgressTracker.Stage stage = progress.stage(stageName, total)) {
            PartitionedWriter writer = new PartitionedWriter(driver, fresh ? firstLoadWriters : threads, batchSize, stage,
                    Map.of());
            try {
                rows.send(writer, stage, fresh);
            } finally {
                writer.finish();
            }
            retried += writer.retried();
            return writer.written();
        }
    }

    /**
     * One relationship between dense nodes {@code src} and {@code dst}, partitioned by the source's id:
     * the rows come grouped by source (interactions.tsv is written per user), so partitioning by the
     * target would have every writer lock the same few users at the same time, while partitioning by
     * the source leaves the writers only the random overlaps on targets (with 2 writers on a warm
     * server, a re-run went from 25.6k to 53.6k relationships/s; the first load did not change).
     */
    private void add(PartitionedWriter writer, ExportCypher.Statement st, boolean fresh, NodeTable table, int src, int dst,
                     Map<String, Object> props) {
        writer.add(st.first(fresh), st.merge(), table.id(src), Map.of("s", neo4jIds[src], "t", neo4jIds[dst], "p", props));
    }

    private void reject(RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    private void reject(RejectReason reason, ProgressTracker.Stage stage) {
        reject(reason);
        stage.advance(1);
    }

    /** Rows of a TSV with a header line per part (for the progress percentage). */
    private static long dataLines(Path tsv) {
        long[] count = {0};
        TextFiles.forEachLine(tsv, "interactions", (line, part, lineNo) -> {
            if (!line.isEmpty() && !line.startsWith("src\t")) {
                count[0]++;
            }
        });
        return count[0];
    }
}
