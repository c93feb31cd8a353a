package io.marketgraph.build.graph;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.VertexRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The one place that talks to GraphX (which has no Java API): builds a graph over dense node ids
 * {@code 0..n-1} (every node a vertex, so nodes without edges get degree 0 and their own
 * component), and returns degree, PageRank and connected component per node as a DataFrame.
 *
 * <p>PageRank is GraphX's static PageRank on the directed edges (reset probability 0.15, a fixed
 * number of iterations, so its cost is predictable; each iteration is a full pass over the edges). Components are weak (edge direction ignored), labelled by their smallest
 * node id; Pregel stops after {@code componentIterations} rounds (a larger diameter than that
 * leaves a component split: raise the flag for long chains).
 */
public final class GraphXStats {

    public static final StructType SCHEMA = new StructType()
            .add("node", DataTypes.IntegerType, false)
            .add("degree", DataTypes.IntegerType, false)
            .add("pagerank", DataTypes.DoubleType, false)
            .add("component", DataTypes.IntegerType, false);

    private static final ClassTag<Integer> INT = ClassTag$.MODULE$.apply(Integer.class);

    private GraphXStats() {}

    /**
     * @param edges columns {@code src} and {@code dst} (int node ids below {@code nodeCount})
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> edges, long nodeCount,
                                       int pageRankIterations, int componentIterations) {
        // Few edge partitions: each GraphX iteration ships every vertex to every edge partition that
        // holds one of its edges, so in local mode one partition per core beats the shuffle count.
        int parts = Math.max(1, spark.sparkContext().defaultParallelism());
        JavaRDD<Edge<Integer>> edgeRdd = edges.select("src", "dst").coalesce(parts).javaRDD()
                .map(r -> new Edge<>(r.getInt(0), r.getInt(1), 1));
        JavaRDD<Tuple2<Object, Integer>> vertices = spark.range(0, nodeCount, 1, parts).javaRDD()
                .map(id -> new Tuple2<>((Object) id, 0));
        Graph<Integer, Integer> graph = Graph.apply(vertices.rdd(), edgeRdd.rdd(), 0,
                StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), INT, INT);
        graph.cache();
        try {
            Dataset<Row> degree = frame(spark, graph.ops().degrees(), "degree");
            Dataset<Row> rank = frame(spark, graph.ops().staticPageRank(pageRankIterations, 0.15).vertices(), "pagerank");
            Dataset<Row> component = frame(spark, graph.ops().connectedComponents(componentIterations).vertices(), "component");
            Dataset<Row> joined = rank.join(component, "node").join(degree, "node", "left")
                    .na().fill(0L, new String[] {"degree"});
            return joined.selectExpr("cast(node as int) node", "cast(degree as int) degree",
                    "cast(pagerank as double) pagerank", "cast(component as int) component");
        } finally {
            graph.unpersist(false);
        }
    }

    private static Dataset<Row> frame(SparkSession spark, VertexRDD<?> vertices, String name) {
        @SuppressWarnings("unchecked")
        JavaRDD<Tuple2<Object, Object>> rdd = (JavaRDD<Tuple2<Object, Object>>) (JavaRDD<?>) vertices.toJavaRDD();
        JavaRDD<Row> rows = rdd.map(t -> RowFactory.create((Long) t._1(), ((Number) t._2()).doubleValue()));
        StructType schema = new StructType().add("node", DataTypes.LongType, false).add(name, DataTypes.DoubleType, false);
        return spark.createDataFrame(rows, schema);
    }
}
