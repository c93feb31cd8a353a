package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.marketgraph.model.Action;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code --edge-list FILE}: a plain SNAP edge list to the same graph directory. Every node is a
 * USER (region and category -1); dense ids follow the node tokens sorted by (length, text), which
 * is numeric order for SNAP's integer ids. Repeated pairs are merged, weights summed (the count goes
 * to {@code n_view}); edges keep their direction. Bad lines are quarantined (malformed_record,
 * field_too_long, bad_weight, self_interaction for self-loops); comments and blank lines are not
 * records. There are no posts, so popular/ is empty.
 */
public final class EdgeListJob {

    private static final StructType PARSED = new StructType().add("reason", DataTypes.StringType, true)
            .add("src", DataTypes.StringType, true).add("dst", DataTypes.StringType, true)
            .add("weight", DataTypes.DoubleType, false);

    private final SparkSession spark;
    private final BuildGraphConfig config;
    private final ProgressTracker progress;

    public EdgeListJob(SparkSession spark, BuildGraphConfig config, ProgressTracker progress) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
    }

    public BuildReport run() {
        long t0 = System.nanoTime();
        SparkPhases phases = new SparkPhases(spark, progress);
        int partitions = SparkPhases.configurePartitions(spark, config.shufflePartitions(),
                config.edgeList().toFile().length());
        // Nondeterministic so the optimizer does not run it once per struct field read (see BuildGraphJob).
        spark.udf().register("mg_edge_line", org.apache.spark.sql.functions.udf((UDF1<String, Row>) line -> {
            EdgeListLine l = EdgeListLine.parse(line);
            return l == null ? null : RowFactory.create(l.reason() == null ? null : l.reason().key(), l.src(), l.dst(), l.weight());
        }, PARSED).asNondeterministic());
        Dataset<Row> parsed;
        BuildGraphJob.Summary summary;
        try (ProgressTracker.Stage s = phases.begin("read edge list", "parse and validate edge-list lines")) {
            parsed = spark.read().text(config.edgeList().toAbsolutePath().toUri().toString())
                    .withColumn("p", call_udf("mg_edge_line", col("value"))).filter(col("p").isNotNull())
                    .select(col("p.reason").as("reason"), col("p.src").as("s"), col("p.dst").as("d"),
                            col("p.weight").as("weight"), col("value"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long in = 0;
            long accepted = 0;
            Map<String, Long> q = new java.util.TreeMap<>();
            for (Row r : parsed.groupBy("reason").agg(count(lit(1))).collectAsList()) {
                in += r.getLong(1);
                if (r.isNullAt(0)) {
                    accepted = r.getLong(1);
                } else {
                    q.put(r.getString(0), r.getLong(1));
                }
            }
            summary = new BuildGraphJob.Summary(in, accepted, q, 0);
        }
        Dataset<Row> quarantine = parsed.filter(col("reason").isNotNull()).select(col("reason"),
                lit(null).cast("string").as("detail"), lit(config.edgeList().toString()).as("file"), col("value").as("unparsed"));
        GraphOutput output = new GraphOutput(spark, config, phases);
        if (summary.fraction() > config.maxRejectFraction()) {
            output.writeRejected(quarantine, summary, Map.of("USER", 0L), partitions, config.edgeList().toString(), t0);
            return output.report();
        }
        Dataset<Row> good = parsed.filter(col("reason").isNull());
        Dataset<Row> ids;
        Dataset<Row> edges;
        try (ProgressTracker.Stage s = phases.begin("assign ids", "sort node tokens, dense ids, merge repeated edges")) {
            Dataset<Row> tokens = good.select(col("s").as("token")).union(good.select(col("d").as("token"))).distinct()
                    .orderBy(length(col("token")), col("token"));
            StructType idSchema = new StructType().add("token", DataTypes.StringType, false).add("node", DataTypes.IntegerType, false);
            ids = spark.createDataFrame(tokens.javaRDD().zipWithIndex()
                    .map((Tuple2<Row, Long> t) -> RowFactory.create(t._1().getString(0), t._2().intValue())), idSchema)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<Column> counts = new ArrayList<>();
            for (Action a : Action.values()) {
                counts.add((a == Action.VIEW ? count(lit(1)).cast("int") : lit(0)).as(BuildGraphJob.countColumn(a)));
            }
            edges = good.join(ids.withColumnRenamed("token", "s").withColumnRenamed("node", "src"), "s")
                    .join(ids.withColumnRenamed("token", "d").withColumnRenamed("node", "dst"), "d")
                    .groupBy("src", "dst").agg(sum("weight").as("weight"), counts.toArray(new Column[0]))
                    .withColumn("kind", lit("EDGE")).select(BuildGraphJob.edgeColumns())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            s.advance(edges.count());
        }
        long n = ids.count();
        Dataset<Row> nodeBase = ids.select(col("node"), lit("USER").as("kind"), col("token").as("id"),
                lit(-1).as("region"), lit(-1).as("category"), lit(null).cast("string").as("status"));
        Dataset<Row> popular = spark.emptyDataFrame().select(lit(0).as("region"), lit(0).as("rank"), lit(0).as("node"),
                lit("").as("id"), lit(0.0).as("score")).filter(lit(false));
        JavaRDD<PairSums> edgeBlocks = EdgeAggregation.fromRows(edges, "EDGE")
                .persist(StorageLevel.MEMORY_AND_DISK());
        output.write(new GraphOutput.Parts(nodeBase, n, Map.of("USER", n), edgeBlocks, edges, popular, quarantine, summary,
                partitions, config.edgeList().toString(), null, Map.of()), t0);
        parsed.unpersist(false);
        ids.unpersist(false);
        edges.unpersist(false);
        edgeBlocks.unpersist(false);
        return output.report();
    }
}
