package io.marketgraph.build.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.VertexRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The one place that talks to GraphX (which has no Java API): builds a graph over dense node ids
 * {@code 0..n-1} (every node a vertex, so nodes without edges get their own component), and returns
 * degree (counted over the edge blocks, {@link #degrees}), PageRank and connected component per node
 * as arrays indexed by node (about 16 bytes a node on the driver, next to the node index's 100).
 *
 * <p>PageRank is GraphX's static PageRank on the directed edges (reset probability 0.15, a fixed
 * number of iterations, so its cost is predictable; each iteration is a full pass over the edges).
 * Components are weak (edge direction ignored), labelled by their smallest node id; Pregel stops
 * after {@code componentIterations} rounds (a larger diameter than that leaves a component split:
 * raise the flag for long chains).
 *
 * <p>Vertex and edge attributes are declared {@code Int} to GraphX (primitive int arrays in its
 * partitions rather than boxed Integers).
 */
public final class GraphXStats {

    /**
     * Per node (index = dense node id): degree (in + out), PageRank, component label. A plain class,
     * not a record: it is broadcast, and Kryo cannot set a record's fields.
     */
    public static final class NodeStats implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] degree;
        final double[] pagerank;
        final int[] component;

        NodeStats(int[] degree, double[] pagerank, int[] component) {
            this.degree = degree;
            this.pagerank = pagerank;
            this.component = component;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ClassTag<Object> INT = (ClassTag) ClassTag$.MODULE$.Int();

    private GraphXStats() {}

    /**
     * @param edges the edge blocks (node ids below {@code nodeCount})
     */
    static NodeStats compute(SparkSession spark, JavaRDD<PairSums> edges, int nodeCount,
                             int pageRankIterations, int componentIterations) {
        // Few edge partitions: each GraphX iteration ships every vertex to every edge partition that
        // holds one of its edges, so in local mode one partition per core beats the shuffle count.
        int parts = Math.max(1, spark.sparkContext().defaultParallelism());
        JavaRDD<Edge<Object>> edgeRdd = edges.coalesce(parts).flatMap(b -> new Iterator<Edge<Object>>() {
            private int e;

            @Override
            public boolean hasNext() {
                return e < b.size;
            }

            @Override
            public Edge<Object> next() {
                Edge<Object> edge = new Edge<>(b.src(e), b.dst(e), (Object) 1);
                e++;
                return edge;
            }
        });
        JavaRDD<Tuple2<Object, Object>> vertices = spark.range(0, nodeCount, 1, parts).javaRDD()
                .map(id -> new Tuple2<>((Object) id, (Object) 0));
        Graph<Object, Object> graph = Graph.apply(vertices.rdd(), edgeRdd.rdd(), 0,
                StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), INT, INT);
        graph.cache();
        try {
            int[] degree = degrees(edges, nodeCount);
            double[] pagerank = new double[nodeCount];
            int[] component = new int[nodeCount];
            Graph<Object, Object> ranks = graph.ops().staticPageRank(pageRankIterations, 0.15);
            for (Tuple2<int[], double[]> b : collect(ranks.vertices())) {
                for (int i = 0; i < b._1().length; i++) {
                    pagerank[b._1()[i]] = b._2()[i];
                }
            }
            ranks.unpersist(false);
            Graph<Object, Object> components = graph.ops().connectedComponents(componentIterations);
            for (Tuple2<int[], double[]> b : collect(components.vertices())) {
                for (int i = 0; i < b._1().length; i++) {
                    component[b._1()[i]] = (int) b._2()[i];
                }
            }
            components.unpersist(false);
            return new NodeStats(degree, pagerank, component);
        } finally {
            graph.unpersist(false);
        }
    }

    /**
     * In + out degree per node, counted over the edge blocks' arrays: what GraphX's {@code degrees} gives
     * (each edge counts once for each end), without its message pass over the graph.
     */
    static int[] degrees(JavaRDD<PairSums> edges, int nodeCount) {
        return edges.mapPartitions((Iterator<PairSums> blocks) -> {
            int[] d = new int[nodeCount];
            while (blocks.hasNext()) {
                PairSums b = blocks.next();
                for (int e = 0; e < b.size; e++) {
                    d[b.src(e)]++;
                    d[b.dst(e)]++;
                }
            }
            return List.of(d).iterator();
        }).treeReduce((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
    }

    /** Each vertex partition as (ids, values): fewer objects to ship to the driver than one tuple per vertex. */
    private static List<Tuple2<int[], double[]>> collect(VertexRDD<?> vertices) {
        @SuppressWarnings("unchecked")
        JavaRDD<Tuple2<Object, Object>> rdd = (JavaRDD<Tuple2<Object, Object>>) (JavaRDD<?>) vertices.toJavaRDD();
        return rdd.mapPartitions((Iterator<Tuple2<Object, Object>> it) -> {
            List<Tuple2<Object, Object>> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            int[] ids = new int[all.size()];
            double[] values = new double[all.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) (long) (Long) all.get(i)._1();
                values[i] = ((Number) all.get(i)._2()).doubleValue();
            }
            return List.of(new Tuple2<>(ids, values)).iterator();
        }).collect();
    }
}
