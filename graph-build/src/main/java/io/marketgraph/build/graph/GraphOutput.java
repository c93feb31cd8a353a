package io.marketgraph.build.graph;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes the GraphX statistics and writes the graph directory (layout: graph-model
 * {@link GraphDirectory}) into an {@link AtomicOutput}: nothing appears at {@code --out} until
 * everything, report.json included, is written; {@code _SUCCESS} comes last.
 */
final class GraphOutput {

    /** What a source (events or an edge list) hands to the writer. */
    /**
     * @param edgeBlocks the edges, cached: read by the statistics and the TSV writer
     * @param edges      the same edges as rows (Parquet, neo4j CSVs)
     * @param holdout    the holdout pairs (--split-at) or null
     * @param idCodes    region/category id -> code in the node tables, per column ({@link EntityLoader}); empty
     *                   when every id is an integer
     */
    record Parts(Dataset<Row> nodeBase, long nodeCount, Map<String, Long> nodesByKind,
                 JavaRDD<PairSums> edgeBlocks, Dataset<Row> edges, Dataset<Row> popular,
                 Dataset<Row> quarantine, BuildGraphJob.Summary summary, int partitions, String input,
                 JavaRDD<PairSums> holdout, Map<String, Map<String, Integer>> idCodes) {}

    /** Region and category ids that are not integers -> their codes in the node tables (see EntityLoader). */
    static final String ID_CODES = io.marketgraph.io.IdCodes.FILE;

    /** nodes/ and nodes.tsv/ columns, in order. */
    static final StructType NODES = new StructType()
            .add("node", DataTypes.IntegerType, false)
            .add("kind", DataTypes.StringType, true)
            .add("id", DataTypes.StringType, true)
            .add("region", DataTypes.IntegerType, true)
            .add("category", DataTypes.IntegerType, true)
            .add("degree", DataTypes.IntegerType, false)
            .add("pagerank", DataTypes.DoubleType, false)
            .add("component", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, true);

    private final SparkSession spark;
    private final BuildGraphConfig config;
    private final SparkPhases phases;
    private BuildReport report;

    GraphOutput(SparkSession spark, BuildGraphConfig config, SparkPhases phases) {
        this.spark = spark;
        this.config = config;
        this.phases = phases;
    }

    BuildReport report() {
        return report;
    }

    void write(Parts p, long t0) {
        Dataset<Row> nodes;
        Map<String, Object> graph = new LinkedHashMap<>();
        try (ProgressTracker.Stage s = phases.begin("graph statistics", "GraphX degree, PageRank, connected components")) {
            GraphXStats.NodeStats stats;
            if (config.stats()) {
                stats = GraphXStats.compute(spark, p.edgeBlocks(), Math.toIntExact(p.nodeCount()),
                        config.pageRankIterations(), config.componentIterations());
                graph.putAll(summary(stats));
                graph.put("pagerank_iterations", config.pageRankIterations());
            } else {
                stats = skipped(Math.toIntExact(p.nodeCount()));
                graph.put("statistics", "skipped (--no-stats)");
            }
            nodes = withStats(p.nodeBase(), stats).persist(StorageLevel.MEMORY_AND_DISK());
        }
        Map<String, Long> edgesByKind;
        long popularRows;
        long holdoutPairs = 0;
        try (ProgressTracker.Stage s = phases.begin("write graph directory", "nodes, edges, popular, quarantine")) {
            try (AtomicOutput out = AtomicOutput.create(config.out())) {
                Path dir = out.dir();
                withoutDictionary(nodes.write(), "node", "id", "pagerank").parquet(uri(dir.resolve(GraphDirectory.NODES)));
                tsv(nodes, true).csv(uri(dir.resolve(GraphDirectory.NODES_TSV)));
                withoutDictionary(p.edges().write(), "src", "dst", "weight").parquet(uri(dir.resolve(GraphDirectory.EDGES)));
                edgesByKind = EdgeTsvWriter.write(p.edgeBlocks(), dir.resolve(GraphDirectory.EDGES_TSV),
                        dir.resolve(GraphDirectory.INTERACTIONS_TSV));
                if (p.holdout() != null) {
                    holdoutPairs = EdgeTsvWriter.write(p.holdout(), null, dir.resolve(GraphDirectory.HOLDOUT_TSV))
                            .values().stream().mapToLong(Long::longValue).sum();
                }
                Dataset<Row> popular = p.popular().persist(StorageLevel.MEMORY_AND_DISK());
                popular.write().parquet(uri(dir.resolve(GraphDirectory.POPULAR)));
                tsv(popular, true).csv(uri(dir.resolve(GraphDirectory.POPULAR_TSV)));
                popularRows = popular.count();
                popular.unpersist(false);
                p.quarantine().write().json(uri(dir.resolve(GraphDirectory.QUARANTINE)));
                if (!p.idCodes().isEmpty()) {
                    Json.write(dir.resolve(ID_CODES), p.idCodes());
                }
                if (config.neo4jCsv() != null) {
                    Neo4jImportCsv.write(nodes, p.edges(), config.neo4jCsv());
                }
                report = report(p.summary(), p.nodeCount(), p.nodesByKind(), edgesByKind, graph, popularRows,
                        p.partitions(), p.input(), false, t0, holdoutPairs);
                Json.write(dir.resolve(GraphDirectory.REPORT), report);
                out.commit();
            }
        }
        nodes.unpersist(false);
        report = report(p.summary(), p.nodeCount(), p.nodesByKind(), edgesByKind, graph, popularRows,
                p.partitions(), p.input(), false, t0, holdoutPairs);
    }

    /** --no-stats: -1 for every node's degree, PageRank and component. */
    private static GraphXStats.NodeStats skipped(int n) {
        int[] minusOne = new int[n];
        java.util.Arrays.fill(minusOne, -1);
        double[] pagerank = new double[n];
        java.util.Arrays.fill(pagerank, -1.0);
        return new GraphXStats.NodeStats(minusOne, pagerank, minusOne);
    }

    /** report.json's graph statistics, from the per-node arrays (sums in node order: deterministic). */
    static Map<String, Object> summary(GraphXStats.NodeStats stats) {
        int n = stats.degree.length;
        int maxDegree = 0;
        long isolated = 0;
        double pagerankSum = 0;
        int[] size = new int[n];
        long components = 0;
        long largest = 0;
        for (int i = 0; i < n; i++) {
            maxDegree = Math.max(maxDegree, stats.degree[i]);
            isolated += stats.degree[i] == 0 ? 1 : 0;
            pagerankSum += stats.pagerank[i];
            int c = stats.component[i];
            if (size[c]++ == 0) {
                components++;
            }
            largest = Math.max(largest, size[c]);
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("max_degree", maxDegree);
        graph.put("isolated_nodes", isolated);
        graph.put("pagerank_sum", pagerankSum);
        graph.put("components", components);
        graph.put("largest_component", largest);
        return graph;
    }

    /** The node table: the base columns plus degree, PageRank and component looked up by node (no join). */
    private Dataset<Row> withStats(Dataset<Row> nodeBase, GraphXStats.NodeStats stats) {
        Broadcast<GraphXStats.NodeStats> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(stats);
        Dataset<Row> base = nodeBase.select("node", "kind", "id", "region", "category", "status");
        JavaRDD<Row> rows = base.javaRDD().map(r -> {
            int node = r.getInt(0);
            GraphXStats.NodeStats st = b.value();
            return RowFactory.create(node, r.get(1), r.get(2), r.get(3), r.get(4), st.degree[node], st.pagerank[node],
                    st.component[node], r.get(5));
        });
        return spark.createDataFrame(rows, NODES);
    }

    /** Over the reject threshold: no graph; quarantine and report go to {@code <out>.rejected/}. */
    void writeRejected(Dataset<Row> quarantine, BuildGraphJob.Summary summary, Map<String, Long> nodesByKind,
                       int partitions, String input, long t0) {
        Path target = config.out().toAbsolutePath().resolveSibling(config.out().getFileName() + ".rejected");
        try (ProgressTracker.Stage s = phases.begin("write rejected", "quarantine of a run over the reject threshold");
             AtomicOutput out = AtomicOutput.create(target)) {
            quarantine.write().json(uri(out.dir().resolve(GraphDirectory.QUARANTINE)));
            report = report(summary, 0, nodesByKind, Map.of(), Map.of(), 0, partitions, input, true, t0, 0);
            Json.write(out.dir().resolve(GraphDirectory.REPORT), report);
            out.commit();
        }
    }

    private BuildReport report(BuildGraphJob.Summary s, long nodes, Map<String, Long> nodesByKind,
                               Map<String, Long> edgesByKind, Map<String, Object> graph, long popular, int partitions,
                               String input, boolean rejected, long t0, long holdoutPairs) {
        long edges = edgesByKind.values().stream().mapToLong(Long::longValue).sum();
        return new BuildReport(s.recordsIn(), s.accepted(), s.quarantined(), s.fraction(), config.maxRejectFraction(),
                rejected, nodes, nodesByKind, edges, edgesByKind, s.tRef(), config.nowMillis(),
                config.weighting().halfLifeMillis() / 86_400_000.0, config.weighting().describe(), config.listedWeight(),
                graph, popular, input, partitions, phases.progress().stageSeconds(), (System.nanoTime() - t0) / 1e9,
                config.splitAtMillis(), holdoutPairs);
    }

    /**
     * Parquet without dictionary encoding for {@code columns}, whose values are (nearly) all distinct: the
     * writer tried a dictionary for every value until the page overflowed, 3 % of build-graph's samples (JFR,
     * 10M events), to fall back to plain encoding anyway. Low-cardinality columns keep their dictionaries.
     */
    private static org.apache.spark.sql.DataFrameWriter<Row> withoutDictionary(org.apache.spark.sql.DataFrameWriter<Row> w,
                                                                               String... columns) {
        for (String c : columns) {
            w = w.option("parquet.enable.dictionary#" + c, "false");
        }
        return w;
    }

    private static org.apache.spark.sql.DataFrameWriter<Row> tsv(Dataset<Row> d, boolean header) {
        // zlib.compress.level reaches Hadoop's gzip compressor through the write's Hadoop conf.
        return d.write().option("sep", "\t").option("header", Boolean.toString(header))
                .option("compression", "gzip").option("emptyValue", "").option("zlib.compress.level", "BEST_SPEED");
    }

    private static String uri(Path p) {
        return p.toAbsolutePath().toUri().toString();
    }
}
