package io.marketgraph.linkpred.baselines;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple3;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren, Volinsky 2008) with Spark MLlib's
 * {@code org.apache.spark.ml.recommendation.ALS} ({@code implicitPrefs}), on Spark local inside
 * train-links. The entry values of {@link Engagements} are the "ratings": confidence
 * {@code 1 + alpha x value}. Only this class touches Spark, and Spark is a provided dependency of
 * link-prediction, so it never reaches api's classpath (DESIGN.md; the ban-spark enforcer).
 *
 * <p>Tuning: rank 32 to 128; regParam 0.01 to 0.1 (higher for sparser data); alpha 1 to 40 (how much
 * more an observed pair counts than an unobserved one); 10 to 15 iterations converge.
 */
public final class SparkAls {

    /** ALS settings. */
    public record Params(int rank, double regParam, double alpha, int iterations, long seed) {
        public Params {
            if (rank < 1 || !(regParam >= 0) || !(alpha > 0) || iterations < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "ALS needs rank >= 1, reg >= 0, alpha > 0, iterations >= 1; got %d, %s, %s, %d",
                        rank, regParam, alpha, iterations));
            }
        }
    }

    private SparkAls() {}

    /**
     * Fits on Spark local ({@code master}, e.g. {@code local[*]}) and returns the factors as a
     * plain-Java recommender. The entries reach Spark as three primitive arrays behind broadcasts
     * (12 bytes an entry) and the factors come back row by row: a list of {@code Row}s for the entries
     * and the collected factor lists took a 10 GB heap on 12.6M entries of 1M users x 1M posts.
     */
    public static FactorRecommender fit(Engagements data, Params params, String master) {
        SparkSession spark = SparkSession.builder().master(master).appName("train-links-als")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int entries = data.entries();
        int[] user = new int[entries];
        int[] item = new int[entries];
        float[] value = new float[entries];
        int at = 0;
        for (int u = 0; u < data.nodes().size(); u++) {
            for (int i = data.userStart(u); i < data.userEnd(u); i++) {
                user[at] = u;
                item[at] = data.slotAt(i);
                value[at++] = data.valueAt(i);
            }
        }
        Broadcast<int[]> users = jsc.broadcast(user);
        Broadcast<int[]> items = jsc.broadcast(item);
        Broadcast<float[]> values = jsc.broadcast(value);
        try {
            Dataset<Row> ratings = spark.range(0, entries, 1, 8)
                    .map((MapFunction<Long, Tuple3<Integer, Integer, Float>>) i -> new Tuple3<>(
                                    users.value()[i.intValue()], items.value()[i.intValue()], values.value()[i.intValue()]),
                            Encoders.tuple(Encoders.INT(), Encoders.INT(), Encoders.FLOAT()))
                    .toDF("user", "item", "rating");
            ALSModel model = new ALS().setImplicitPrefs(true).setRank(params.rank()).setRegParam(params.regParam())
                    .setAlpha(params.alpha()).setMaxIter(params.iterations()).setSeed(params.seed())
                    .setUserCol("user").setItemCol("item").setRatingCol("rating")
                    .setNumUserBlocks(4).setNumItemBlocks(4)
                    .fit(ratings);
            float[][] userFactors = new float[data.nodes().size()][];
            for (Iterator<Row> rows = model.userFactors().toLocalIterator(); rows.hasNext(); ) {
                Row r = rows.next();
                userFactors[r.getInt(0)] = floats(r.getList(1));
            }
            int n = data.targets().length;
            float[] itemFactors = new float[n * params.rank()];
            boolean[] has = new boolean[n];
            for (Iterator<Row> rows = model.itemFactors().toLocalIterator(); rows.hasNext(); ) {
                Row r = rows.next();
                int slot = r.getInt(0);
                System.arraycopy(floats(r.getList(1)), 0, itemFactors, slot * params.rank(), params.rank());
                has[slot] = true;
            }
            return new FactorRecommender("als", data, params.rank(), userFactors, itemFactors, has);
        } finally {
            users.destroy();
            items.destroy();
            values.destroy();
            spark.stop();
        }
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
