package io.marketgraph.embeddings.spark;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.MaterializedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The Spark edges of the embeddings module: distributed walks (trained in process or with Spark
 * ML Word2Vec) and the Parquet export. SparkSession stays inside this package.
 */
public final class SparkEmbedding {

    private SparkEmbedding() {}

    /**
     * A session on {@code master}; with {@code null}, spark-submit's master ({@code spark.master})
     * or else {@code local[*]}.
     */
    public static SparkSession session(String master) {
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        return SparkSession.builder().master(chosen).appName("marketgraph-embed")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
    }

    public static Node2Vec.Result embed(CsrGraph graph, WalkConfig walks, SkipGramConfig sg, String master,
                                        String trainer, ProgressTracker progress) {
        SparkSession spark = session(master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            BiasedWalker walker = new BiasedWalker(graph, walks);
            JavaRDD<Tuple2<long[], int[]>> rdd = SparkWalks.generate(jsc, walker, jsc.defaultParallelism() * 4);
            if (trainer.equals("word2vec")) {
                return trainWithSparkMl(spark, rdd, graph.nodeCount(), sg);
            }
            MaterializedWalks corpus;
            try (ProgressTracker.Stage stage = progress.stage("spark walks", 0)) {
                corpus = SparkWalks.collectInCorpusOrder(rdd, graph.nodeCount(), walks.walksPerNode(), walks.seed());
                stage.advance(corpus.walkCount());
            }
            return Node2Vec.embed(corpus, sg, progress);
        } finally {
            spark.stop();
        }
    }

    /** Spark ML Word2Vec (skip-gram with hierarchical softmax) over the walks as sentences of node ids. */
    private static Node2Vec.Result trainWithSparkMl(SparkSession spark, JavaRDD<Tuple2<long[], int[]>> rdd,
                                                    int nodeCount, SkipGramConfig sg) {
        long start = System.nanoTime();
        JavaRDD<Row> rows = rdd.map(t -> {
            String[] words = new String[t._2().length];
            for (int i = 0; i < words.length; i++) {
                words[i] = Integer.toString(t._2()[i]);
            }
            return RowFactory.create((Object) words);
        });
        StructType schema = new StructType().add("walk", DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> sentences = spark.createDataFrame(rows, schema);
        Word2VecModel model = new Word2Vec().setInputCol("walk").setVectorSize(sg.dim())
                .setWindowSize(sg.window()).setMinCount(0).setMaxIter(sg.epochs()).setSeed(sg.seed())
                .setStepSize(sg.learningRate()).setNumPartitions(1).fit(sentences);
        float[] vectors = new float[nodeCount * sg.dim()];
        long tokens = 0;
        for (Row r : model.getVectors().collectAsList()) {
            int node = Integer.parseInt(r.getString(0));
            double[] v = ((Vector) r.get(1)).toArray();
            for (int k = 0; k < sg.dim(); k++) {
                vectors[node * sg.dim() + k] = (float) v[k];
            }
        }
        tokens = rdd.map(t -> (long) t._2().length).reduce(Long::sum);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Node2Vec.Result(vectors, sg.dim(), rdd.count(), tokens * sg.epochs(), seconds,
                tokens * sg.epochs() / seconds, "spark-ml-word2vec");
    }

    /**
     * Writes {@code OUT/vectors.parquet} (columns row int, kind string, id string, vector
     * array&lt;float&gt;) through a local SparkSession, atomically ({@code OUT/_SUCCESS} last).
     */
    public static void writeParquet(EmbeddingStore store, Path out, String master) {
        SparkSession spark = session(master);
        try (AtomicOutput target = AtomicOutput.create(out)) {
            List<Row> rows = new ArrayList<>(store.count());
            for (int row = 0; row < store.count(); row++) {
                NodeKind kind = store.nodes().kind(row);
                float[] v = Arrays.copyOfRange(store.vectors(), row * store.dim(), (row + 1) * store.dim());
                Float[] boxed = new Float[v.length];
                for (int k = 0; k < v.length; k++) {
                    boxed[k] = v[k];
                }
                rows.add(RowFactory.create(row, kind == null ? null : kind.name(), store.nodes().id(row), boxed));
            }
            StructType schema = new StructType().add("row", DataTypes.IntegerType).add("kind", DataTypes.StringType)
                    .add("id", DataTypes.StringType)
                    .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false));
            spark.createDataFrame(rows, schema).coalesce(1).write()
                    .parquet(target.dir().resolve("vectors.parquet").toString());
            target.commit();
        } finally {
            spark.stop();
        }
    }
}
