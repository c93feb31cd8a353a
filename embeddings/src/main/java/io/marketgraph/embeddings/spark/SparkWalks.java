package io.marketgraph.embeddings.spark;

import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.MaterializedWalks;
import io.marketgraph.embeddings.walks.WalkOrder;
import io.marketgraph.embeddings.walks.WalkRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The distributed walk job: the walker (CSR + alias tables) is broadcast, start nodes are split
 * into ranges, one per partition, and every task runs the same {@link BiasedWalker} with the same
 * per-(seed, start, walk index) random stream as the in-process corpus, so the walks are identical.
 */
public final class SparkWalks {

    private SparkWalks() {}

    /** Every walk as ((walk index, start node), nodes), partitioned by start node. */
    public static JavaRDD<Tuple2<long[], int[]>> generate(JavaSparkContext jsc, BiasedWalker walker, int partitions) {
        int n = walker.graph().nodeCount();
        int rounds = walker.config().walksPerNode();
        int walkLength = walker.config().walkLength();
        Broadcast<BiasedWalker> shared = jsc.broadcast(walker);
        List<int[]> ranges = new ArrayList<>();
        int step = Math.max(1, (n + partitions - 1) / partitions);
        for (int from = 0; from < n; from += step) {
            ranges.add(new int[] {from, Math.min(n, from + step)});
        }
        return jsc.parallelize(ranges, Math.max(1, ranges.size())).flatMap(range -> {
            BiasedWalker w = shared.value();
            WalkRandom rnd = new WalkRandom();
            int[] buf = new int[walkLength];
            List<Tuple2<long[], int[]>> out = new ArrayList<>((range[1] - range[0]) * rounds);
            for (int start = range[0]; start < range[1]; start++) {
                for (int r = 0; r < rounds; r++) {
                    int len = w.walk(start, r, buf, rnd);
                    out.add(new Tuple2<>(new long[] {r, start}, Arrays.copyOf(buf, len)));
                }
            }
            return out.iterator();
        });
    }

    /** Collects the walks to the driver in the in-process corpus order (round by round, shuffled starts). */
    public static MaterializedWalks collectInCorpusOrder(JavaRDD<Tuple2<long[], int[]>> walks, int nodeCount,
                                                        int walksPerNode, long seed) {
        int[][] bySlot = new int[Math.toIntExact((long) nodeCount * walksPerNode)][];
        int[][] inverse = new int[walksPerNode][];
        for (int r = 0; r < walksPerNode; r++) {
            int[] perm = WalkOrder.permutation(nodeCount, seed, r);
            inverse[r] = new int[nodeCount];
            for (int i = 0; i < nodeCount; i++) {
                inverse[r][perm[i]] = i;
            }
        }
        long total = 0;
        for (java.util.Iterator<Tuple2<long[], int[]>> it = walks.toLocalIterator(); it.hasNext(); ) {
            Tuple2<long[], int[]> t = it.next();
            int r = (int) t._1()[0];
            int start = (int) t._1()[1];
            bySlot[r * nodeCount + inverse[r][start]] = t._2();
            total += t._2().length;
        }
        int[] tokens = new int[Math.toIntExact(total)];
        long[] offsets = new long[bySlot.length + 1];
        int pos = 0;
        for (int s = 0; s < bySlot.length; s++) {
            System.arraycopy(bySlot[s], 0, tokens, pos, bySlot[s].length);
            pos += bySlot[s].length;
            offsets[s + 1] = pos;
        }
        return new MaterializedWalks(nodeCount, tokens, offsets);
    }
}
