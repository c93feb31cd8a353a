package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * events + entities -> graph directory. One read of the input: every record is validated once
 * ({@link EventValidator}, which also maps ids to dense nodes through a broadcast
 * {@link NodeIndex}) into compact per-partition {@link EventBlock}s, cached; counts, duplicate
 * detection ({@link DuplicateEvents}), the reference time and edge aggregation
 * ({@link EdgeAggregation}, weights from {@link EdgeWeighting}) all read the blocks.
 */
public final class BuildGraphJob {

    /** A quarantined record's fields as read, after its reason and detail. */
    static final List<String> RAW_FIELDS;

    static {
        List<String> f = new ArrayList<>();
        f.add("file");
        f.addAll(EventSources.COLUMNS);
        f.add("unparsed");
        RAW_FIELDS = List.copyOf(f);
    }

    /** The aggregated user -> target edges, in {@link #edgeColumns()} order. */
    static final StructType EDGES;

    static {
        StructType e = new StructType().add("src", DataTypes.IntegerType, false).add("dst", DataTypes.IntegerType, false)
                .add("weight", DataTypes.DoubleType, false).add("kind", DataTypes.StringType, false);
        for (Action a : Action.values()) {
            e = e.add(countColumn(a), DataTypes.IntegerType, false);
        }
        EDGES = e;
    }

    private final SparkSession spark;
    private final BuildGraphConfig config;
    private final ProgressTracker progress;

    public BuildGraphJob(SparkSession spark, BuildGraphConfig config, ProgressTracker progress) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
    }

    public BuildReport run() {
        long t0 = System.nanoTime();
        SparkPhases phases = new SparkPhases(spark, progress);
        int partitions = SparkPhases.configurePartitions(spark, config.shufflePartitions(),
                config.events() != null ? EventSources.bytes(config.events()) : 0);
        EntityLoader.Loaded entities;
        try (ProgressTracker.Stage s = phases.begin("load entities", "read users, posts and businesses; assign dense ids")) {
            entities = EntityLoader.loadWithCodes(config.entities());
        }
        NodeIndex index = entities.index();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<NodeIndex> nodes = jsc.broadcast(index);
        registerUdfs(nodes);

        JavaRDD<EventBlock> blocks;
        Summary summary;
        try (ProgressTracker.Stage s = phases.begin("validate events", "read, parse and validate every event record")) {
            blocks = EventBlocks.validate(spark, config.events(), nodes, config.nowMillis())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            summary = EventBlocks.summary(blocks);
            s.advance(summary.recordsIn());
        }
        try (ProgressTracker.Stage s = phases.begin("duplicate event ids", "find duplicate event_id among valid events")) {
            Map<Integer, int[]> losers = DuplicateEvents.losers(jsc, blocks, partitions);
            if (!losers.isEmpty()) {
                Broadcast<Map<Integer, int[]>> lost = jsc.broadcast(losers);
                JavaRDD<EventBlock> deduped = blocks.map(b -> {
                    int[] l = lost.value().get(b.partition);
                    return l == null ? b : b.withoutDuplicates(l, nodes.value());
                }).persist(StorageLevel.MEMORY_AND_DISK());
                summary = EventBlocks.summary(deduped);
                blocks.unpersist(false);
                blocks = deduped;
            }
        }
        Dataset<Row> quarantine = EventBlocks.quarantine(spark, blocks);
        GraphOutput output = new GraphOutput(spark, config, phases);
        if (summary.fraction() > config.maxRejectFraction()) {
            output.writeRejected(quarantine, summary, summary.nodesByKind(index), partitions,
                    config.events().toString(), t0);
            return output.report();
        }

        JavaRDD<PairSums> edges;
        JavaRDD<PairSums> holdout = null;
        Dataset<Row> popular;
        Long split = config.splitAtMillis();
        // With a split, weights decay towards the split time: the graph knows nothing after it.
        long tRef = split == null ? summary.tRef() : split;
        int firstBusiness = index.users() + index.posts();
        try (ProgressTracker.Stage s = phases.begin("aggregate edges", "sum time-decayed action weights per user-target pair; popular posts per region")) {
            EdgeAggregation.Window window = split == null ? EdgeAggregation.Window.ALL : EdgeAggregation.Window.BEFORE;
            long at = split == null ? 0 : split;
            edges = EdgeAggregation.aggregate(blocks, partitions, config.weighting(), tRef, window, at, firstBusiness)
                    .union(EdgeAggregation.listed(jsc, nodes, config.listedWeight())).persist(StorageLevel.MEMORY_AND_DISK());
            s.advance(EdgeAggregation.count(edges));
            popular = EdgeAggregation.popular(spark, edges, nodes, config.popularTopN(), partitions);
            if (split != null) {
                holdout = EdgeAggregation.aggregate(blocks, partitions, config.weighting(), tRef,
                        EdgeAggregation.Window.FROM, at, firstBusiness);
            }
        }
        Dataset<Row> edgeRows = EdgeAggregation.frame(spark, edges);
        Dataset<Row> nodeBase = spark.range(index.size()).selectExpr("cast(id as int) node")
                .selectExpr("node", "mg_kind(node) kind", "mg_id(node) id", "mg_region(node) region", "mg_category(node) category",
                        "mg_status(node) status");
        output.write(new GraphOutput.Parts(nodeBase, index.size(), summary.nodesByKind(index), edges, edgeRows, popular,
                quarantine, summary, partitions, config.events().toString(), holdout, entities.codes()), t0);
        edges.unpersist(false);
        blocks.unpersist(false);
        return output.report();
    }

    private void registerUdfs(Broadcast<NodeIndex> nodes) {
        spark.udf().register("mg_kind", (UDF1<Integer, String>) n -> nodes.value().kind(n).name(), DataTypes.StringType);
        spark.udf().register("mg_id", (UDF1<Integer, String>) n -> nodes.value().id(n), DataTypes.StringType);
        spark.udf().register("mg_region", (UDF1<Integer, Integer>) n -> nodes.value().region(n), DataTypes.IntegerType);
        spark.udf().register("mg_category", (UDF1<Integer, Integer>) n -> nodes.value().category(n), DataTypes.IntegerType);
        spark.udf().register("mg_status", (UDF1<Integer, String>) n -> {
            var s = nodes.value().status(n);
            return s == null ? null : s.name();
        }, DataTypes.StringType);
    }

    static String countColumn(Action a) {
        return "n_" + a.name().toLowerCase(Locale.ROOT);
    }

    static Column[] edgeColumns() {
        List<Column> cols = new ArrayList<>(List.of(col("src"), col("dst"), col("weight"), col("kind")));
        for (Action a : Action.values()) {
            cols.add(col(countColumn(a)));
        }
        return cols.toArray(new Column[0]);
    }

    /** records in, quarantined by reason and the reference time, from one aggregation. */
    record Summary(long recordsIn, long accepted, Map<String, Long> quarantined, long tRef) {
        double fraction() {
            return recordsIn == 0 ? 0 : (double) (recordsIn - accepted) / recordsIn;
        }

        Map<String, Long> nodesByKind(NodeIndex index) {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put(NodeKind.USER.name(), (long) index.users());
            m.put(NodeKind.POST.name(), (long) index.posts());
            m.put(NodeKind.BUSINESS.name(), (long) index.businesses());
            return m;
        }
    }
}
