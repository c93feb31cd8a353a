package io.marketgraph.embeddings.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.progress.ProgressTracker;

import io.marketgraph.embeddings.TestGraphs;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.MaterializedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Spark class (about 30 s): the distributed walks equal the in-process ones; Parquet export. */
class SparkWalksTest {

    @TempDir
    Path tmp;

    @Test
    void spark_walks_on_local2_equal_in_process_walks_and_parquet_round_trips() {
        CsrGraph weighted = CsrBuilder.build(TestGraphs.edges(16, new int[][] {
                {0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 2}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {3, 4},
                {8, 9}, {9, 10}, {10, 11}, {11, 8}, {7, 8}, {12, 13}, {13, 14}, {14, 15}, {15, 12}, {11, 12}},
                new float[] {1, 2, 3, 1, 2, 1, 4, 1, 2, 1, 3, 1, 1, 2, 1, 5, 1, 1, 2, 1}), false).graph();
        WalkConfig config = new WalkConfig(3, 15, 0.5, 2.0, 21L);
        BiasedWalker walker = new BiasedWalker(weighted, config);
        MaterializedWalks local = MaterializedWalks.of(new GeneratedWalks(walker));
        SparkSession spark = SparkEmbedding.session("local[2]");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            MaterializedWalks distributed = SparkWalks.collectInCorpusOrder(
                    SparkWalks.generate(jsc, walker, 3), 16, 3, 21L);
            assertEquals(local.walkCount(), distributed.walkCount());
            for (long w = 0; w < local.walkCount(); w++) {
                assertArrayEquals(local.walk(w), distributed.walk(w), "walk " + w);
            }
        } finally {
            spark.stop();
        }
        // --spark with the in-process trainer gives the very vectors of the local run (one thread)
        SkipGramConfig sg = new SkipGramConfig(8, 3, 3, 1, 0.025f, 0, 1, 21L);
        float[] viaSpark = SparkEmbedding.embed(weighted, config, sg, "local[2]", "in-process", ProgressTracker.NOOP).vectors();
        assertArrayEquals(Node2Vec.embed(weighted, config, sg, ProgressTracker.NOOP).vectors(), viaSpark);
        Node2Vec.Result ml = SparkEmbedding.embed(weighted, config, sg, "local[2]", "word2vec", ProgressTracker.NOOP);
        assertEquals(16 * 8, ml.vectors().length);
        for (int v = 0; v < 16; v++) {
            float norm = 0;
            for (int k = 0; k < 8; k++) {
                norm += Math.abs(ml.vectors()[v * 8 + k]);
            }
            assertTrue(norm > 0, "Spark ML Word2Vec gave node " + v + " a vector");
        }
        EmbeddingStore store = new EmbeddingStore(2, new float[] {1f, 2f, 3f, 4f},
                NodeTable.untyped(new String[] {"a", "b"}));
        SparkEmbedding.writeParquet(store, tmp.resolve("pq"), "local[2]");
        SparkSession reader = SparkEmbedding.session("local[2]");
        try {
            List<Row> rows = reader.read().parquet(tmp.resolve("pq/vectors.parquet").toString()).orderBy("row").collectAsList();
            assertEquals(2, rows.size());
            assertEquals("b", rows.get(1).getString(2));
            assertEquals(List.of(3f, 4f), rows.get(1).getList(3));
        } finally {
            reader.stop();
        }
    }
}
