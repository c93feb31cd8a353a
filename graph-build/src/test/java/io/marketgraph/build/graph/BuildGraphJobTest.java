package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.build.generate.GenerateConfig;
import io.marketgraph.build.generate.MarketplaceGenerator;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.io.TextFiles;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import io.marketgraph.progress.ProgressTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark local[2] on small inline data and the bad-input corpus; one session for the class. */
class BuildGraphJobTest {

    private static final long NOW = 1_000_000_000_000L;
    private static final double HALF_LIFE_MS = 30 * 86_400_000.0;
    private static SparkSession spark;

    @TempDir
    Path tmp;

    /** One build of the corpus shared by the tests that only read it (a build costs ~20 s here). */
    @TempDir
    static Path shared;
    private static Path sharedCorpus;
    private static Path sharedOut;
    private static BuildReport sharedReport;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("BuildGraphJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
        sharedCorpus = corpus(shared);
        sharedOut = shared.resolve("g");
        sharedReport = new BuildGraphJob(spark, config(sharedCorpus, sharedOut), ProgressTracker.NOOP).run();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The corpus plus a Parquet file (written here: Parquet is binary) in the same mixed directory. */
    private static Path corpus(Path tmp) throws IOException {
        Path src = Path.of("src/test/resources/bad-input");
        Path dst = tmp.resolve("corpus");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        StructType schema = new StructType().add("event_id", DataTypes.StringType).add("ts", DataTypes.LongType)
                .add("user_id", DataTypes.StringType).add("action", DataTypes.StringType)
                .add("target_kind", DataTypes.StringType).add("target_id", DataTypes.StringType);
        Path pq = tmp.resolve("pq");
        spark.createDataFrame(List.of(RowFactory.create("q1", 6000L, "u4", "VIEW", "POST", "p1"),
                        RowFactory.create("q2", 6000L, "u9", "VIEW", "POST", "p1")), schema)
                .coalesce(1).write().parquet(pq.toUri().toString());
        try (Stream<Path> s = Files.list(pq)) {
            Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.copy(part, dst.resolve("events/g-events.parquet"));
        }
        return dst;
    }

    private static BuildGraphConfig config(Path corpus, Path out) {
        return BuildGraphConfig.of(corpus.resolve("events"), corpus.resolve("entities"), out, NOW)
                .withShufflePartitions(2).withMaxRejectFraction(1.0).withGraphIterations(5, 20);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static double w(double actionWeight, long ts, long tRef) {
        return actionWeight * Math.pow(0.5, (tRef - ts) / HALF_LIFE_MS);
    }

    @Test
    void bad_input_corpus_is_quarantined_with_exact_counts_per_reason() {
        Path out = sharedOut;
        BuildReport r = sharedReport;

        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("malformed_record", 5L), Map.entry("bad_timestamp", 2L), Map.entry("unknown_user", 3L),
                Map.entry("unknown_action", 2L), Map.entry("unknown_target_kind", 1L),
                Map.entry("action_not_valid_for_kind", 2L), Map.entry("missing_field", 2L),
                Map.entry("unknown_target", 1L), Map.entry("future_timestamp", 1L), Map.entry("self_interaction", 1L),
                Map.entry("duplicate_event_id", 1L), Map.entry("field_too_long", 1L)));
        assertEquals(expected, r.quarantined());
        assertEquals(29, r.recordsIn());
        assertEquals(7, r.accepted());
        assertEquals(r.recordsIn(), r.accepted() + r.quarantinedTotal());

        // every quarantined record is in quarantine/ with its reason
        Map<String, Long> written = new TreeMap<>();
        Map<String, String> reasonOfEvent = new HashMap<>();
        for (Row row : spark.read().json(out.resolve(GraphDirectory.QUARANTINE).toUri().toString()).collectAsList()) {
            String reason = row.getAs("reason");
            written.merge(reason, 1L, Long::sum);
            String id = row.getAs("event_id");
            if (id != null) {
                reasonOfEvent.put(id, reason);
            }
        }
        assertEquals(expected, written);
        assertEquals("duplicate_event_id", reasonOfEvent.get("e1"));
        assertEquals("field_too_long", reasonOfEvent.get("big1"));
        assertEquals("unknown_action", reasonOfEvent.get("c3"));
        assertEquals("malformed_record", reasonOfEvent.get("c2"));
        assertEquals("malformed_record", reasonOfEvent.get("e17"), "a JSON line holding two objects is malformed");
        assertEquals("unknown_user", reasonOfEvent.get("q2"));
        assertEquals("self_interaction", reasonOfEvent.get("e12"));

        // the accepted events make exact, time-decayed edges over dense ids (u1..u5=0..4, p1..p3=5..7, b1=8)
        long tRef = 6000;
        assertEquals(tRef, r.tRefMillis());
        Map<String, Double> edges = new TreeMap<>();
        for (Row e : spark.read().parquet(out.resolve(GraphDirectory.EDGES).toUri().toString()).collectAsList()) {
            edges.put(e.getAs("src") + ">" + e.getAs("dst") + " " + e.getAs("kind"), e.getAs("weight"));
        }
        assertEquals(List.of("0>5 LISTED", "1>5 USER_POST", "1>7 LISTED", "2>6 USER_POST", "2>8 USER_BUSINESS",
                "3>5 USER_POST", "3>7 USER_POST", "3>8 USER_BUSINESS", "8>6 LISTED"), List.copyOf(edges.keySet()));
        assertEquals(w(1, 1000, tRef) + w(3, 2000, tRef), edges.get("1>5 USER_POST"), 1e-12);
        assertEquals(w(4, 4000, tRef), edges.get("2>8 USER_BUSINESS"), 1e-12);
        assertEquals(w(5, 3000, tRef), edges.get("3>7 USER_POST"), 1e-12);
        assertEquals(w(2, 2000, tRef), edges.get("3>8 USER_BUSINESS"), 1e-12);
        assertEquals(1.0, edges.get("0>5 LISTED"), 0);
        assertEquals(9, r.edges());
        assertEquals(Map.of("USER", 5L, "POST", 3L, "BUSINESS", 1L), r.nodesByKind());
        assertEquals(2L, r.graph().get("components"));
        assertEquals(8L, r.graph().get("largest_component"));
        assertEquals(1L, r.graph().get("isolated_nodes"));
        assertEquals(2L, r.popularPosts()); // p1 and p3 are ACTIVE, p2 is SOLD
    }

    @Test
    void the_graph_directory_loads_with_graph_model_and_counts_degrees() throws IOException {
        Path out = sharedOut;
        assertTrue(AtomicOutput.isComplete(out));
        GraphDirectory.Loaded g = GraphDirectory.load(out);
        NodeTable nodes = g.nodes();
        assertEquals(9, nodes.size());
        assertEquals(9, g.edges().edgeCount());
        assertEquals(NodeKind.USER, nodes.kind(4));
        assertEquals("u5", nodes.id(4));
        assertEquals(NodeKind.BUSINESS, nodes.kind(8));
        assertEquals(5, nodes.category(8));
        int[] degree = new int[9];
        for (int e = 0; e < g.edges().edgeCount(); e++) {
            degree[g.edges().src()[e]]++;
            degree[g.edges().dst()[e]]++;
        }
        Map<String, Integer> written = new HashMap<>();
        for (Path part : TextFiles.parts(out.resolve(GraphDirectory.NODES_TSV))) {
            try (BufferedReader in = TextFiles.open(part)) {
                in.lines().filter(l -> !l.startsWith("node\t")).forEach(l -> {
                    String[] c = l.split("\t");
                    written.put(c[2], Integer.parseInt(c[5]));
                });
            }
        }
        assertEquals(Map.of("u1", 1, "u2", 2, "u3", 2, "u4", 3, "u5", 0, "p1", 3, "p2", 2, "p3", 2, "b1", 3), written);
        assertEquals(0, degree[4]);
    }

    @Test
    void a_split_keeps_later_events_out_of_the_graph_and_writes_them_to_holdout() {
        Path out = tmp.resolve("split");
        BuildReport r = new BuildGraphJob(spark, config(sharedCorpus, out).withSplitAt(3500L), ProgressTracker.NOOP).run();

        assertEquals(3500L, r.splitAt());
        assertEquals(r.recordsIn(), r.accepted() + r.quarantinedTotal());
        InteractionTable before = InteractionTable.read(out.resolve(GraphDirectory.INTERACTIONS_TSV), 9);
        InteractionTable after = InteractionTable.read(out.resolve(GraphDirectory.HOLDOUT_TSV), 9);
        assertEquals(r.holdoutPairs(), after.size());
        // u3 followed b1 at ts 4000: after the split, so in the holdout and nowhere in the graph
        int follow = pair(after, 2, 8);
        assertTrue(follow >= 0, "2>8 is held out");
        assertEquals(1, after.count(follow, Action.FOLLOW));
        assertEquals(-1, pair(before, 2, 8));
        GraphDirectory.Loaded graph = GraphDirectory.load(out);
        assertFalse(graph.edges().edgeCount() == 0);
        for (int e = 0; e < graph.edges().edgeCount(); e++) {
            assertFalse(graph.edges().src()[e] == 2 && graph.edges().dst()[e] == 8, "the held-out edge is not in edges.tsv");
        }
        // u2 viewed (1000) and liked (2000) p1 before the split: counts per action
        int view = pair(before, 1, 5);
        assertEquals(1, before.count(view, Action.VIEW));
        assertEquals(1, before.count(view, Action.LIKE));
        assertEquals(PostStatus.SOLD, graph.nodes().status(6)); // p2 is SOLD
        assertEquals(null, graph.nodes().status(0));
    }

    private static int pair(InteractionTable t, int src, int dst) {
        for (int i = 0; i < t.size(); i++) {
            if (t.src(i) == src && t.dst(i) == dst) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_failed_run_leaves_the_previous_good_output_in_place() throws IOException {
        Path corpus = corpus(tmp);
        Path out = tmp.resolve("g");
        copyTree(sharedOut, out); // the previous good output
        String report = Files.readString(out.resolve(GraphDirectory.REPORT));
        Files.writeString(corpus.resolve("entities/users.csv"), "user_id,region_id,joined_at\nu1,0,0\nu1,1,0\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new BuildGraphJob(spark, config(corpus, out), ProgressTracker.NOOP).run());
        assertTrue(e.getMessage().contains("users.csv line 3: duplicate user_id 'u1' (first at"), e.getMessage());
        assertEquals(report, Files.readString(out.resolve(GraphDirectory.REPORT)));
        assertTrue(AtomicOutput.isComplete(out));
        assertEquals(9, GraphDirectory.load(out).nodes().size());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".g.")).toList(), "no temp left");
        }
    }

    @Test
    void over_the_reject_threshold_the_graph_is_not_replaced_and_exit_is_3() {
        Path out = tmp.resolve("g");
        BuildReport r = new BuildGraphJob(spark, config(sharedCorpus, out).withMaxRejectFraction(0.5), ProgressTracker.NOOP).run();
        assertTrue(r.rejectedOverThreshold());
        assertFalse(Files.exists(out));
        Path rejected = tmp.resolve("g.rejected");
        assertTrue(AtomicOutput.isComplete(rejected));
        assertTrue(Files.exists(rejected.resolve(GraphDirectory.REPORT)), "the report says why");
        assertTrue(Files.isDirectory(rejected.resolve(GraphDirectory.QUARANTINE)), "the quarantine shows what");
        assertEquals(22, r.quarantinedTotal());
    }

    @Test
    void same_generated_marketplace_twice_gives_the_same_graph_and_neo4j_csvs() throws IOException {
        Path data = tmp.resolve("data");
        new MarketplaceGenerator(new GenerateConfig(data, 150, 250, 5, 30, 7, 3, 6, 1500, 0.15, 0.1,
                GenerateConfig.DEFAULT_NOW, 2, 25_000, true), ProgressTracker.NOOP).run();
        BuildReport a = new BuildGraphJob(spark, BuildGraphConfig.of(data.resolve("events"), data, tmp.resolve("g1"),
                GenerateConfig.DEFAULT_NOW).withShufflePartitions(2).withGraphIterations(5, 20)
                .withNeo4jCsv(tmp.resolve("neo")), ProgressTracker.NOOP).run();
        BuildReport b = new BuildGraphJob(spark, BuildGraphConfig.of(data.resolve("events"), data, tmp.resolve("g2"),
                GenerateConfig.DEFAULT_NOW).withShufflePartitions(2).withGraphIterations(5, 20), ProgressTracker.NOOP).run();
        assertEquals(Map.of(), a.quarantined());
        assertEquals(a.recordsIn(), a.accepted());
        assertEquals(405, a.nodes());
        assertEquals(a.nodes(), b.nodes());
        assertEquals(a.edges(), b.edges());
        assertEquals(a.edgesByKind(), b.edgesByKind());
        assertEquals(a.graph(), b.graph());
        assertEquals(GraphDirectory.load(tmp.resolve("g1")).edges().edgeCount(), a.edges());
        assertEquals("node:ID,id,region:int,category:int,degree:int,pagerank:double,component:int,:LABEL",
                Files.readAllLines(tmp.resolve("neo/nodes_header.csv")).get(0));
        long neoNodes = 0;
        for (Path p : TextFiles.parts(tmp.resolve("neo/nodes"))) {
            neoNodes += Files.readAllLines(p).size();
        }
        assertEquals(405, neoNodes);
        Map<String, Long> neoTypes = new TreeMap<>();
        for (Path p : TextFiles.parts(tmp.resolve("neo/relationships"))) {
            for (String line : Files.readAllLines(p)) {
                neoTypes.merge(line.split(",")[2], 1L, Long::sum);
            }
        }
        // the relationship types export-neo4j writes
        assertEquals(Map.of("INTERACTED", a.edgesByKind().get("USER_POST") + a.edgesByKind().get("USER_BUSINESS"),
                "LISTED", a.edgesByKind().get("LISTED")), neoTypes);
    }

    @Test
    void an_edge_list_builds_the_same_directory_with_user_nodes() throws IOException {
        Path list = tmp.resolve("toy.txt");
        Files.writeString(list, "# toy\n1 2\n2 3 2.5\n10 1\n3 3\n4 5 x\n1 2\nbad\n");
        Path out = tmp.resolve("g");
        BuildGraphConfig c = new BuildGraphConfig(null, null, list, out, "local[2]", NOW, EdgeWeighting.defaults(),
                1.0, 1.0, 50, 5, 20, 2, null, null);
        BuildReport r = new EdgeListJob(spark, c, ProgressTracker.NOOP).run();
        assertEquals(7, r.recordsIn());
        assertEquals(4, r.accepted());
        assertEquals(Map.of("bad_weight", 1L, "malformed_record", 1L, "self_interaction", 1L), r.quarantined());
        GraphDirectory.Loaded g = GraphDirectory.load(out);
        assertEquals(List.of("1", "2", "3", "10"), List.of(g.nodes().ids()));
        assertEquals(3, g.edges().edgeCount());
        Map<String, Float> w = new TreeMap<>();
        for (int e = 0; e < 3; e++) {
            w.put(g.edges().src()[e] + ">" + g.edges().dst()[e], g.edges().weight(e));
        }
        assertEquals(Map.of("0>1", 2f, "1>2", 2.5f, "3>0", 1f), w);
    }

    @Test
    void no_stats_writes_the_same_edges_with_minus_one_statistics() throws IOException {
        Path list = tmp.resolve("toy-no-stats.txt");
        Files.writeString(list, "1 2\n2 3 2.5\n10 1\n");
        Path out = tmp.resolve("g-no-stats");
        BuildGraphConfig c = new BuildGraphConfig(null, null, list, out, "local[2]", NOW, EdgeWeighting.defaults(),
                1.0, 1.0, 50, 5, 20, 2, null, null).withStats(false);
        BuildReport r = new EdgeListJob(spark, c, ProgressTracker.NOOP).run();
        assertEquals(Map.of("statistics", "skipped (--no-stats)"), r.graph());
        assertEquals(3, GraphDirectory.load(out).edges().edgeCount());
        List<String> stats = new ArrayList<>();
        for (Path part : TextFiles.parts(out.resolve(GraphDirectory.NODES_TSV))) {
            try (BufferedReader in = TextFiles.open(part)) {
                in.lines().filter(l -> !l.startsWith("node\t")).forEach(l -> {
                    String[] col = l.split("\t");
                    stats.add(col[5] + "/" + col[6] + "/" + col[7]);
                });
            }
        }
        assertEquals(List.of("-1/-1.0/-1", "-1/-1.0/-1", "-1/-1.0/-1", "-1/-1.0/-1"), stats);
    }
}
