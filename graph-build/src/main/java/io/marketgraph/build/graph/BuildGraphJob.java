package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * events + entities -> graph directory. One read of the input: every record is validated once (a
 * UDF over {@link EventValidator}, which also maps ids to dense nodes through a broadcast
 * {@link NodeIndex}), the result is cached in a compact form (raw fields only for rejected
 * records), and counts, duplicate detection, the reference time and edge aggregation all read the
 * cache. Edge weights are computed in SQL from {@link EdgeWeighting}'s parameters.
 */
public final class BuildGraphJob {

    static final StructType VERDICT = new StructType()
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("src", DataTypes.IntegerType, false)
            .add("dst", DataTypes.IntegerType, false)
            .add("ts", DataTypes.LongType, false)
            .add("action", DataTypes.IntegerType, false);

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
        NodeIndex index;
        try (ProgressTracker.Stage s = phases.begin("load entities", "read users, posts and businesses; assign dense ids")) {
            index = EntityLoader.load(config.entities());
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<NodeIndex> nodes = jsc.broadcast(index);
        registerUdfs(nodes);

        Dataset<Row> validated;
        Summary summary;
        try (ProgressTracker.Stage s = phases.begin("validate events", "read, parse and validate every event record")) {
            validated = validate(EventSources.read(spark, config.events())).persist(StorageLevel.MEMORY_AND_DISK());
            summary = Summary.of(validated);
        }
        try (ProgressTracker.Stage s = phases.begin("duplicate event ids", "find duplicate event_id among valid events")) {
            Dataset<Row> deduped = dropDuplicates(validated);
            if (deduped != validated) {
                deduped = deduped.persist(StorageLevel.MEMORY_AND_DISK());
                summary = Summary.of(deduped);
                validated.unpersist(false);
                validated = deduped;
            }
        }
        Dataset<Row> quarantine = validated.filter(col("reason").isNotNull())
                .select(col("reason"), col("detail"), col("raw.*"));
        GraphOutput output = new GraphOutput(spark, config, phases);
        if (summary.fraction() > config.maxRejectFraction()) {
            output.writeRejected(quarantine, summary, summary.nodesByKind(index), partitions,
                    config.events().toString(), t0);
            return output.report();
        }

        Dataset<Row> edges;
        Dataset<Row> holdout = null;
        Dataset<Row> accepted = validated.filter(col("reason").isNull());
        Long split = config.splitAtMillis();
        // With a split, weights decay towards the split time: the graph knows nothing after it.
        long tRef = split == null ? summary.tRef() : split;
        try (ProgressTracker.Stage s = phases.begin("aggregate edges", "sum time-decayed action weights per user-target pair")) {
            edges = aggregate(split == null ? accepted : accepted.filter(col("ts").lt(split)), tRef, index)
                    .unionByName(listedEdges(index)).persist(StorageLevel.MEMORY_AND_DISK());
            s.advance(edges.count());
            if (split != null) {
                holdout = aggregate(accepted.filter(col("ts").geq(split)), tRef, index);
            }
        }
        Dataset<Row> nodeBase = spark.range(index.size()).selectExpr("cast(id as int) node")
                .selectExpr("node", "mg_kind(node) kind", "mg_id(node) id", "mg_region(node) region", "mg_category(node) category",
                        "mg_status(node) status");
        Dataset<Row> popular = edges.filter(col("kind").equalTo("USER_POST"))
                .groupBy("dst").agg(sum("weight").as("score"))
                .filter("mg_status(dst) = 'ACTIVE'")
                .selectExpr("mg_region(dst) region", "dst node", "mg_id(dst) id", "score")
                .withColumn("rank", row_number().over(Window.partitionBy("region").orderBy(col("score").desc(), col("node"))))
                .filter(col("rank").leq(config.popularTopN()))
                .select("region", "rank", "node", "id", "score");
        output.write(new GraphOutput.Parts(nodeBase, index.size(), summary.nodesByKind(index), edges, popular,
                quarantine, summary, partitions, config.events().toString(), holdout), t0);
        edges.unpersist(false);
        validated.unpersist(false);
        return output.report();
    }

    private void registerUdfs(Broadcast<NodeIndex> nodes) {
        long now = config.nowMillis();
        // Nondeterministic on purpose: the optimizer would otherwise inline the UDF into each of the
        // six struct fields read from it and run the validation six times per record.
        spark.udf().register("mg_validate", udf((UDF8<String, String, String, String, String, String, String, String, Row>)
                (corrupt, eventId, ts, user, action, kind, target, query) -> {
                    EventValidator.Verdict v = new EventValidator(nodes.value(), now)
                            .validate(corrupt, eventId, ts, user, action, kind, target, query);
                    return RowFactory.create(v.reason() == null ? null : v.reason().key(), v.detail(), v.src(), v.dst(),
                            v.ts(), v.action() == null ? -1 : v.action().ordinal());
                }, VERDICT).asNondeterministic());
        spark.udf().register("mg_kind", (UDF1<Integer, String>) n -> nodes.value().kind(n).name(), DataTypes.StringType);
        spark.udf().register("mg_id", (UDF1<Integer, String>) n -> nodes.value().id(n), DataTypes.StringType);
        spark.udf().register("mg_region", (UDF1<Integer, Integer>) n -> nodes.value().region(n), DataTypes.IntegerType);
        spark.udf().register("mg_category", (UDF1<Integer, Integer>) n -> nodes.value().category(n), DataTypes.IntegerType);
        spark.udf().register("mg_seller", (UDF1<Integer, Integer>) n -> nodes.value().seller(n), DataTypes.IntegerType);
        spark.udf().register("mg_status", (UDF1<Integer, String>) n -> {
            var s = nodes.value().status(n);
            return s == null ? null : s.name();
        }, DataTypes.StringType);
    }

    private Dataset<Row> validate(Dataset<Row> raw) {
        Column verdict = call_udf("mg_validate", col(EventSources.CORRUPT), col("event_id"), col("ts"), col("user_id"),
                col("action"), col("target_kind"), col("target_id"), col("query"));
        List<Column> rawCols = new ArrayList<>();
        rawCols.add(col(EventSources.FILE).as("file"));
        for (String c : EventSources.COLUMNS) {
            rawCols.add(col(c));
        }
        rawCols.add(col(EventSources.CORRUPT).as("unparsed"));
        return raw.withColumn("v", verdict).select(
                col("v.reason").as("reason"), col("v.detail").as("detail"), col("v.src").as("src"),
                col("v.dst").as("dst"), col("v.ts").as("ts"), col("v.action").as("action"), col("event_id"),
                when(col("v.reason").isNotNull(), struct(rawCols.toArray(new Column[0]))).as("raw"),
                monotonically_increasing_id().as("row"));
    }

    /** Marks all but the earliest (by ts, then input order) valid record of each event_id. */
    private Dataset<Row> dropDuplicates(Dataset<Row> validated) {
        Dataset<Row> dupIds = validated.filter(col("reason").isNull().and(col("event_id").isNotNull()))
                .groupBy("event_id").agg(count(lit(1)).as("n")).filter(col("n").gt(1)).select("event_id");
        long dupCount = dupIds.count();
        if (dupCount == 0) {
            return validated;
        }
        Dataset<Row> ids = dupCount < 1_000_000 ? broadcast(dupIds) : dupIds;
        Dataset<Row> losers = validated.filter(col("reason").isNull()).join(ids, "event_id")
                .withColumn("rn", row_number().over(Window.partitionBy("event_id").orderBy(col("ts"), col("row"))))
                .filter(col("rn").gt(1)).select(col("row"), lit(true).as("dup"));
        Column dup = col("dup").isNotNull();
        String[] actionNames = java.util.Arrays.stream(Action.values()).map(Enum::name).toArray(String[]::new);
        Column rebuiltRaw = struct(lit(null).cast("string").as("file"), col("event_id"), col("ts").cast("string").as("ts"),
                call_udf("mg_id", col("src")).as("user_id"),
                element_at(array(java.util.Arrays.stream(actionNames).map(org.apache.spark.sql.functions::lit).toArray(Column[]::new)),
                        col("action").plus(1)).as("action"),
                call_udf("mg_kind", col("dst")).as("target_kind"), call_udf("mg_id", col("dst")).as("target_id"),
                lit(null).cast("string").as("query"), lit(null).cast("string").as("region_id"),
                lit(null).cast("string").as("unparsed"));
        return validated.join(losers, "row", "left").select(
                when(dup, lit(RejectReason.DUPLICATE_EVENT_ID.key())).otherwise(col("reason")).as("reason"),
                when(dup, lit("event_id seen earlier")).otherwise(col("detail")).as("detail"),
                col("src"), col("dst"), col("ts"), col("action"), col("event_id"),
                when(dup, rebuiltRaw).otherwise(col("raw")).as("raw"), col("row"));
    }

    private Dataset<Row> aggregate(Dataset<Row> accepted, long tRef, NodeIndex index) {
        EdgeWeighting w = config.weighting();
        Column[] weights = java.util.Arrays.stream(w.actionWeights()).mapToObj(org.apache.spark.sql.functions::lit)
                .toArray(Column[]::new);
        Column eventWeight = element_at(array(weights), col("action").plus(1))
                .multiply(pow(lit(0.5), lit((double) tRef).minus(col("ts")).divide(lit(w.halfLifeMillis()))));
        List<Column> aggs = new ArrayList<>();
        for (Action a : Action.values()) {
            aggs.add(sum(when(col("action").equalTo(a.ordinal()), 1).otherwise(0)).cast("int").as(countColumn(a)));
        }
        int firstBusiness = index.users() + index.posts();
        return accepted.groupBy("src", "dst").agg(sum(eventWeight).as("weight"), aggs.toArray(new Column[0]))
                .withColumn("kind", when(col("dst").lt(firstBusiness), lit("USER_POST")).otherwise(lit("USER_BUSINESS")))
                .select(edgeColumns());
    }

    /** seller -> post edges, so a seller and their posts are connected. */
    private Dataset<Row> listedEdges(NodeIndex index) {
        List<Column> cols = new ArrayList<>(List.of(col("src"), col("dst"), lit(config.listedWeight()).as("weight"),
                lit("LISTED").as("kind")));
        for (Action a : Action.values()) {
            cols.add(lit(0).as(countColumn(a)));
        }
        return spark.range(index.users(), index.users() + (long) index.posts())
                .selectExpr("cast(id as int) dst").selectExpr("mg_seller(dst) src", "dst")
                .filter(col("src").geq(0)).select(cols.toArray(new Column[0])).select(edgeColumns());
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
        static Summary of(Dataset<Row> validated) {
            long in = 0;
            long accepted = 0;
            long tRef = Long.MIN_VALUE;
            Map<String, Long> quarantined = new java.util.TreeMap<>();
            for (Row r : validated.groupBy("reason").agg(count(lit(1)), max("ts")).collectAsList()) {
                long n = r.getLong(1);
                in += n;
                if (r.isNullAt(0)) {
                    accepted = n;
                    tRef = r.getLong(2);
                } else {
                    quarantined.put(r.getString(0), n);
                }
            }
            return new Summary(in, accepted, quarantined, tRef);
        }

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
