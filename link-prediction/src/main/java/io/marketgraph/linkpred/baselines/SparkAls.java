package io.marketgraph.linkpred.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

    /** Fits on Spark local ({@code master}, e.g. {@code local[*]}) and returns the factors as a plain-Java recommender. */
    public static FactorRecommender fit(Engagements data, Params params, String master) {
        SparkSession spark = SparkSession.builder().master(master).appName("train-links-als")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
        try {
            List<Row> rows = new ArrayList<>(data.entries());
            for (int u = 0; u < data.nodes().size(); u++) {
                for (int i = data.userStart(u); i < data.userEnd(u); i++) {
                    rows.add(RowFactory.create(u, data.slotAt(i), data.valueAt(i)));
                }
            }
            StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
                    .add("rating", DataTypes.FloatType);
            Dataset<Row> ratings = spark.createDataFrame(rows, schema);
            ALSModel model = new ALS().setImplicitPrefs(true).setRank(params.rank()).setRegParam(params.regParam())
                    .setAlpha(params.alpha()).setMaxIter(params.iterations()).setSeed(params.seed())
                    .setUserCol("user").setItemCol("item").setRatingCol("rating")
                    .setNumUserBlocks(4).setNumItemBlocks(4)
                    .fit(ratings);
            float[][] users = new float[data.nodes().size()][];
            for (Row r : model.userFactors().collectAsList()) {
                users[r.getInt(0)] = floats(r.getList(1));
            }
            int n = data.targets().length;
            float[] items = new float[n * params.rank()];
            boolean[] has = new boolean[n];
            for (Row r : model.itemFactors().collectAsList()) {
                int slot = r.getInt(0);
                System.arraycopy(floats(r.getList(1)), 0, items, slot * params.rank(), params.rank());
                has[slot] = true;
            }
            return new FactorRecommender("als", data, params.rank(), users, items, has);
        } finally {
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
