package io.marketgraph.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The GraphX floor of build-graph: the edges build-graph wrote (Parquet {@code src, dst}) read back
 * into a GraphX graph over every node {@code 0..n-1}, then static PageRank and connected components,
 * each forced by counting its vertices. The same GraphX calls, partitioning (one edge partition per
 * core), storage levels and {@code Int} class tags as graph-build's {@code GraphXStats}, without the
 * collection of the results and the node table around them.
 */
final class BareGraphX {

    /** Seconds in total and per stage (read + graph, pagerank, components). */
    record Timing(double seconds, Map<String, Double> stages) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ClassTag<Object> INT = (ClassTag) ClassTag$.MODULE$.Int();

    private BareGraphX() {}

    static Timing run(SparkSession spark, Path edgesParquet, long nodeCount, int pageRankIterations,
                      int componentIterations) {
        Map<String, Double> stages = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int parts = Math.max(1, spark.sparkContext().defaultParallelism());
        JavaRDD<Edge<Object>> edges = spark.read().parquet(edgesParquet.toAbsolutePath().toUri().toString())
                .select("src", "dst").javaRDD().coalesce(parts)
                .map(r -> new Edge<>(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(), (Object) 1));
        JavaRDD<Tuple2<Object, Object>> vertices = spark.range(0, nodeCount, 1, parts).javaRDD()
                .map(id -> new Tuple2<>((Object) id, (Object) 0));
        Graph<Object, Object> graph = Graph.apply(vertices.rdd(), edges.rdd(), 0,
                StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), INT, INT);
        graph.cache();
        try {
            long edgeCount = graph.edges().count();
            long t1 = System.nanoTime();
            stages.put("read_and_graph", (t1 - t0) / 1e9);
            Graph<Object, Object> ranks = graph.ops().staticPageRank(pageRankIterations, 0.15);
            long ranked = ranks.vertices().count();
            ranks.unpersist(false);
            long t2 = System.nanoTime();
            stages.put("pagerank", (t2 - t1) / 1e9);
            Graph<Object, Object> components = graph.ops().connectedComponents(componentIterations);
            long labelled = components.vertices().count();
            components.unpersist(false);
            long t3 = System.nanoTime();
            stages.put("components", (t3 - t2) / 1e9);
            if (ranked != nodeCount || labelled != nodeCount || edgeCount == 0) {
                throw new IllegalStateException("bare GraphX saw " + ranked + " ranked / " + labelled
                        + " labelled vertices and " + edgeCount + " edges, expected " + nodeCount + " vertices");
            }
            return new Timing((t3 - t0) / 1e9, stages);
        } finally {
            graph.unpersist(false);
        }
    }
}
