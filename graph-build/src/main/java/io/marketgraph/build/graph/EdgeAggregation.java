package io.marketgraph.build.graph;

import io.marketgraph.model.Action;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Accepted events to user -> target edges: each block sums its events per (src, dst) pair first
 * (time-decayed weight from {@link EdgeWeighting}, one count per action), then the partial sums go
 * to reducers as primitive arrays, one record per block and reducer, and are merged there in block
 * order. Each pair's weight is therefore summed in input order within a block and in partition
 * order across blocks: the same inputs always give the same bits. The merged blocks are what is
 * cached and handed to the writers: primitive arrays, no row conversion and no columnar cache
 * (which cost 17 of 28 s on 10M events).
 */
final class EdgeAggregation {

    /** Which accepted events: all, before the split time, or from the split time on. */
    enum Window { ALL, BEFORE, FROM }

    private static final int ACTIONS = Action.values().length;

    private EdgeAggregation() {}

    /**
     * One block of merged edges per reducer (kind USER_POST or USER_BUSINESS by the target node),
     * to be cached: the graph statistics and the TSV writer read the arrays, the Parquet writer a
     * {@link #frame} over them.
     */
    static JavaRDD<PairSums> aggregate(JavaRDD<EventBlock> blocks, int reducers, EdgeWeighting weighting, long tRef,
                                       Window window, long split, int firstBusiness) {
        Action[] actions = Action.values();
        return blocks.flatMapToPair(b -> {
            PairSums sums = new PairSums(1024);
            for (int i = 0; i < b.size; i++) {
                long ts = b.ts[i];
                if (window == Window.BEFORE && ts >= split || window == Window.FROM && ts < split) {
                    continue;
                }
                int a = b.action(i);
                sums.add(PairSums.key(b.src[i], b.dst[i]), weighting.weight(actions[a], ts, tRef), a, 1);
            }
            return sums.split(b.partition, reducers).iterator();
        }).groupByKey(reducers).map(t -> {
            PairSums merged = PairSums.mergeInPartitionOrder(t._2());
            merged.firstBusiness = firstBusiness;
            return merged;
        });
    }

    /** seller -> post LISTED edges (one block), so a seller and their posts are connected. */
    static JavaRDD<PairSums> listed(JavaSparkContext jsc, Broadcast<NodeIndex> nodes, double listedWeight) {
        return jsc.parallelize(List.of(0), 1).map(x -> {
            NodeIndex n = nodes.value();
            PairSums listed = new PairSums(Math.max(16, n.posts()));
            for (int post = n.users(); post < n.users() + n.posts(); post++) {
                int seller = n.seller(post);
                if (seller >= 0) {
                    listed.add(PairSums.key(seller, post), listedWeight, 0, 0);
                }
            }
            listed.kind = "LISTED";
            return listed.compact();
        });
    }

    /** The edge blocks as rows in {@link BuildGraphJob#edgeColumns()} order (converted on each use: not cached). */
    static Dataset<Row> frame(SparkSession spark, JavaRDD<PairSums> blocks) {
        return spark.createDataFrame(blocks.flatMap(b -> {
            List<Row> rows = new ArrayList<>(b.size);
            for (int e = 0; e < b.size; e++) {
                rows.add(b.row(e));
            }
            return rows.iterator();
        }), BuildGraphJob.EDGES);
    }

    /** Edge rows (src, dst, weight, counts by action from column 4) as one block of the given kind. */
    static JavaRDD<PairSums> fromRows(Dataset<Row> edges, String kind) {
        return edges.javaRDD().mapPartitions(rows -> {
            PairSums b = new PairSums(1024);
            b.kind = kind;
            while (rows.hasNext()) {
                Row r = rows.next();
                long key = PairSums.key(r.getInt(0), r.getInt(1));
                b.add(key, r.getDouble(2), 0, 0);
                for (int a = 0; a < ACTIONS; a++) {
                    b.add(key, 0, a, r.getInt(4 + a));
                }
            }
            return List.of(b.compact()).iterator();
        });
    }

    /** popular/'s columns. */
    static final StructType POPULAR = new StructType().add("region", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false).add("node", DataTypes.IntegerType, false)
            .add("id", DataTypes.StringType, true).add("score", DataTypes.DoubleType, false);

    /**
     * Per region, the {@code topN} ACTIVE posts by the sum of their USER_POST edge weights (ties by node),
     * as rows (region, rank, node, id, score) sorted by region and rank. Each edge partition sums its
     * weights into an array over the posts (in block order) and sends each reducer the sums of its range
     * of posts; a reducer adds them in partition order (the same inputs give the same bits), keeps each
     * region's top N of its range, and the driver merges those. It replaced a hash table per partition
     * and a Spark SQL window over every post, 11 % of the write stage's samples (JFR, 10M events).
     */
    static Dataset<Row> popular(SparkSession spark, JavaRDD<PairSums> edges, Broadcast<NodeIndex> nodes, int topN,
                                int reducers) {
        NodeIndex index = nodes.value();
        int first = index.users();
        int posts = index.posts();
        int span = Math.max(1, (posts + reducers - 1) / reducers);   // posts per reducer
        JavaRDD<double[]> candidates = edges.mapPartitionsWithIndex((Integer part, Iterator<PairSums> it) -> {
            double[] sums = new double[posts];
            java.util.Arrays.fill(sums, Double.NaN);   // NaN: no USER_POST edge here (popular needs one)
            while (it.hasNext()) {
                PairSums b = it.next();
                for (int e = 0; e < b.size; e++) {
                    if ("USER_POST".equals(b.kind(e))) {
                        int p = b.dst(e) - first;
                        sums[p] = (Double.isNaN(sums[p]) ? 0.0 : sums[p]) + b.weight[e];
                    }
                }
            }
            List<scala.Tuple2<Integer, PostSums>> out = new ArrayList<>();
            for (int from = 0; from < posts; from += span) {
                out.add(new scala.Tuple2<>(from / span, new PostSums(part, from,
                        java.util.Arrays.copyOfRange(sums, from, Math.min(posts, from + span)))));
            }
            return out.iterator();
        }, false).mapToPair(t -> t).groupByKey(reducers).map(t -> {
            List<PostSums> parts = new ArrayList<>();
            t._2().forEach(parts::add);
            parts.sort(java.util.Comparator.comparingInt(ps -> ps.partition));
            double[] score = new double[parts.get(0).sums.length];
            java.util.Arrays.fill(score, Double.NaN);
            for (PostSums ps : parts) {
                for (int i = 0; i < score.length; i++) {
                    if (!Double.isNaN(ps.sums[i])) {
                        score[i] = (Double.isNaN(score[i]) ? 0.0 : score[i]) + ps.sums[i];
                    }
                }
            }
            NodeIndex idx = nodes.value();
            int base = first + parts.get(0).from;
            // (node, score) pairs: the range's top N of each region, among every post's final top N
            List<Integer> kept = new ArrayList<>();
            topByRegion(score.length, i -> !Double.isNaN(score[i]) && idx.status(base + i) == io.marketgraph.model.PostStatus.ACTIVE,
                    i -> idx.region(base + i), i -> score[i], i -> base + i, topN).values().forEach(kept::addAll);
            double[] out = new double[2 * kept.size()];
            for (int k = 0; k < kept.size(); k++) {
                out[2 * k] = base + kept.get(k);
                out[2 * k + 1] = score[kept.get(k)];
            }
            return out;
        });
        List<double[]> kept = candidates.collect();   // (node, score) pairs, each reducer's per-region top N
        double[] all = kept.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        double[] score = new double[all.length / 2];
        int[] node = new int[score.length];
        for (int i = 0; i < score.length; i++) {
            node[i] = (int) all[2 * i];
            score[i] = all[2 * i + 1];
        }
        List<Row> rows = new ArrayList<>();
        topByRegion(node.length, i -> true, i -> index.region(node[i]), i -> score[i], i -> node[i], topN).forEach((region, in) -> {
            for (int r = 0; r < in.size(); r++) {
                int n = node[in.get(r)];
                rows.add(RowFactory.create(region, r + 1, n, index.id(n), score[in.get(r)]));
            }
        });
        return spark.createDataFrame(rows, POPULAR);
    }

    /**
     * One edge partition's weight sums over posts {@code from..from+sums.length} (NaN: no edge). A plain
     * class, not a record: it is shuffled, and Kryo cannot set a record's fields.
     */
    static final class PostSums implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final int from;
        final double[] sums;

        PostSums(int partition, int from, double[] sums) {
            this.partition = partition;
            this.from = from;
            this.sums = sums;
        }
    }

    /**
     * Of the items {@code 0..n-1} that {@code keep} passes, each region's (ascending) best {@code topN}: by
     * score, highest first, ties by node. A reducer's range of posts and the driver's merge of the ranges
     * rank the same way, so the merge keeps exactly each region's final top N.
     */
    private static java.util.Map<Integer, List<Integer>> topByRegion(int n, java.util.function.IntPredicate keep,
            java.util.function.IntUnaryOperator region, java.util.function.IntToDoubleFunction score,
            java.util.function.IntUnaryOperator node, int topN) {
        java.util.Map<Integer, List<Integer>> byRegion = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (keep.test(i)) {
                byRegion.computeIfAbsent(region.applyAsInt(i), r -> new ArrayList<>()).add(i);
            }
        }
        byRegion.replaceAll((r, in) -> {
            in.sort((a, b) -> {
                double sa = score.applyAsDouble(a);
                double sb = score.applyAsDouble(b);
                return sa != sb ? Double.compare(sb, sa) : Integer.compare(node.applyAsInt(a), node.applyAsInt(b));
            });
            return new ArrayList<>(in.subList(0, Math.min(topN, in.size())));
        });
        return byRegion;
    }

    static long count(JavaRDD<PairSums> blocks) {
        return blocks.map(b -> (long) b.size).fold(0L, Long::sum);
    }
}
