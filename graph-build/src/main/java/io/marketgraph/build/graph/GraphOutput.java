package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.model.Action;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes the GraphX statistics and writes the graph directory (layout: graph-model
 * {@link GraphDirectory}) into an {@link AtomicOutput}: nothing appears at {@code --out} until
 * everything, report.json included, is written; {@code _SUCCESS} comes last.
 */
final class GraphOutput {

    /** What a source (events or an edge list) hands to the writer. */
    record Parts(Dataset<Row> nodeBase, long nodeCount, Map<String, Long> nodesByKind, Dataset<Row> edges,
                 Dataset<Row> popular, Dataset<Row> quarantine, BuildGraphJob.Summary summary, int partitions,
                 String input, Dataset<Row> holdout) {}

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
            Dataset<Row> stats = GraphXStats.compute(spark, p.edges(), p.nodeCount(), config.pageRankIterations(),
                    config.componentIterations());
            nodes = p.nodeBase().join(stats, "node")
                    .select("node", "kind", "id", "region", "category", "degree", "pagerank", "component", "status")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Row d = nodes.agg(max("degree"), sum(when(col("degree").equalTo(0), 1).otherwise(0)), sum("pagerank")).first();
            Row c = nodes.groupBy("component").agg(count(lit(1)).as("size")).agg(count(lit(1)), max("size")).first();
            graph.put("max_degree", d.isNullAt(0) ? 0 : d.getInt(0));
            graph.put("isolated_nodes", d.isNullAt(1) ? 0 : d.getLong(1));
            graph.put("pagerank_sum", d.isNullAt(2) ? 0.0 : d.getDouble(2));
            graph.put("components", c.getLong(0));
            graph.put("largest_component", c.isNullAt(1) ? 0 : c.getLong(1));
            graph.put("pagerank_iterations", config.pageRankIterations());
        }
        Map<String, Long> edgesByKind = new TreeMap<>();
        long popularRows;
        long holdoutPairs = 0;
        try (ProgressTracker.Stage s = phases.begin("write graph directory", "nodes, edges, popular, quarantine")) {
            try (AtomicOutput out = AtomicOutput.create(config.out())) {
                Path dir = out.dir();
                nodes.write().parquet(uri(dir.resolve(GraphDirectory.NODES)));
                tsv(nodes, true).csv(uri(dir.resolve(GraphDirectory.NODES_TSV)));
                p.edges().write().parquet(uri(dir.resolve(GraphDirectory.EDGES)));
                tsv(p.edges().select("src", "dst", "weight"), false).csv(uri(dir.resolve(GraphDirectory.EDGES_TSV)));
                tsv(interactions(p.edges().filter(col("kind").notEqual("LISTED"))), true)
                        .csv(uri(dir.resolve(GraphDirectory.INTERACTIONS_TSV)));
                if (p.holdout() != null) {
                    Dataset<Row> holdout = interactions(p.holdout()).persist(StorageLevel.MEMORY_AND_DISK());
                    tsv(holdout, true).csv(uri(dir.resolve(GraphDirectory.HOLDOUT_TSV)));
                    holdoutPairs = holdout.count();
                    holdout.unpersist(false);
                }
                Dataset<Row> popular = p.popular().persist(StorageLevel.MEMORY_AND_DISK());
                popular.write().parquet(uri(dir.resolve(GraphDirectory.POPULAR)));
                tsv(popular, true).csv(uri(dir.resolve(GraphDirectory.POPULAR_TSV)));
                popularRows = popular.count();
                popular.unpersist(false);
                p.quarantine().write().json(uri(dir.resolve(GraphDirectory.QUARANTINE)));
                for (Row r : p.edges().groupBy("kind").count().collectAsList()) {
                    edgesByKind.put(r.getString(0), r.getLong(1));
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

    /** User->target pairs with one count column per action, named as graph-model's InteractionTable reads them. */
    private static Dataset<Row> interactions(Dataset<Row> edges) {
        List<Column> cols = new ArrayList<>(List.of(col("src"), col("dst")));
        for (Action a : Action.values()) {
            cols.add(col(BuildGraphJob.countColumn(a)).as(a.name()));
        }
        return edges.select(cols.toArray(new Column[0]));
    }

    private static org.apache.spark.sql.DataFrameWriter<Row> tsv(Dataset<Row> d, boolean header) {
        return d.write().option("sep", "\t").option("header", Boolean.toString(header))
                .option("compression", "gzip").option("emptyValue", "");
    }

    private static String uri(Path p) {
        return p.toAbsolutePath().toUri().toString();
    }
}
