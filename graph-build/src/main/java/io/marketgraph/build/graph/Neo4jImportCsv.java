package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.initcap;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.model.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * neo4j-admin bulk-import input: header files plus headerless CSV parts, loaded with
 * <pre>
 * neo4j-admin database import full neo4j \
 *   --nodes=DIR/nodes_header.csv,DIR/nodes/part-.*\.csv \
 *   --relationships=DIR/relationships_header.csv,DIR/relationships/part-.*\.csv
 * </pre>
 * Node ids are the dense node numbers ({@code :ID}); labels User, Post, Business; relationship
 * types as export-neo4j writes them (graph-store): INTERACTED for a user's edges to posts and
 * businesses, LISTED for a seller's edges to posts, with weight and per-action counts as properties.
 */
final class Neo4jImportCsv {

    private Neo4jImportCsv() {}

    static void write(Dataset<Row> nodes, Dataset<Row> edges, Path dir) {
        try (AtomicOutput out = AtomicOutput.create(dir)) {
            Files.writeString(out.dir().resolve("nodes_header.csv"),
                    "node:ID,id,region:int,category:int,degree:int,pagerank:double,component:int,:LABEL\n");
            StringBuilder rel = new StringBuilder(":START_ID,:END_ID,:TYPE,weight:double");
            List<Column> relCols = new ArrayList<>(List.of(col("src"), col("dst"),
                    when(col("kind").equalTo("LISTED"), lit("LISTED")).otherwise(lit("INTERACTED")), col("weight")));
            for (Action a : Action.values()) {
                rel.append(',').append(BuildGraphJob.countColumn(a)).append(":int");
                relCols.add(col(BuildGraphJob.countColumn(a)));
            }
            Files.writeString(out.dir().resolve("relationships_header.csv"), rel.append('\n').toString());
            nodes.select(col("node"), col("id"), col("region"), col("category"), col("degree"), col("pagerank"),
                            col("component"), initcap(lower(col("kind"))))
                    .write().option("header", "false").csv(out.dir().resolve("nodes").toUri().toString());
            edges.select(relCols.toArray(new Column[0]))
                    .write().option("header", "false").csv(out.dir().resolve("relationships").toUri().toString());
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write neo4j import CSVs under " + dir, e);
        }
    }
}
