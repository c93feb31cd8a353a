package io.marketgraph.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of build-graph's output directory, and the one loader for everything that takes "a
 * graph": a graph directory or a plain edge list.
 *
 * <pre>
 * G/nodes/          Parquet: node, kind, id, region, category, degree, pagerank, component
 * G/nodes.tsv/      the same as gzip TSV parts with a header (plain-Java readers: {@link NodeTable})
 * G/edges/          Parquet: src, dst, weight, kind, per-action counts
 * G/edges.tsv/      gzip TSV parts {@code src<TAB>dst<TAB>weight}, no header ({@link EdgeListFormat})
 * G/interactions.tsv/ gzip TSV parts: user->target pairs with a count per action ({@link InteractionTable})
 * G/holdout.tsv/    the same for interactions after the split time (build-graph --split-at), kept
 *                   out of nodes' edges so that evaluation never trains on what it tests
 * G/popular/        Parquet + G/popular.tsv/: per-region popular posts for cold start
 * G/quarantine/     every rejected record with its reason
 * G/report.json     counts in, out and rejected by reason, timings, graph statistics
 * G/_SUCCESS        written last
 * </pre>
 */
public final class GraphDirectory {

    public static final String NODES = "nodes";
    public static final String NODES_TSV = "nodes.tsv";
    public static final String EDGES = "edges";
    public static final String EDGES_TSV = "edges.tsv";
    public static final String INTERACTIONS_TSV = "interactions.tsv";
    public static final String HOLDOUT_TSV = "holdout.tsv";
    public static final String POPULAR = "popular";
    public static final String POPULAR_TSV = "popular.tsv";
    public static final String QUARANTINE = "quarantine";
    public static final String REPORT = "report.json";

    /** A loaded graph: its edges over dense ids and what each node is. */
    public record Loaded(EdgeList edges, NodeTable nodes) {}

    private GraphDirectory() {}

    public static boolean isGraphDirectory(Path path) {
        return Files.isDirectory(path) && Files.exists(path.resolve(NODES_TSV));
    }

    /**
     * Loads a graph directory (which must be complete: {@code _SUCCESS} present) or, for any other
     * file or directory, a plain edge list.
     */
    public static Loaded load(Path path) {
        if (isGraphDirectory(path)) {
            if (!AtomicOutput.isComplete(path)) {
                throw new InvalidInputException("graph directory " + path
                        + " has no " + AtomicOutput.SUCCESS + ": it is incomplete (a failed or running build-graph)");
            }
            NodeTable nodes = NodeTable.read(path.resolve(NODES_TSV));
            EdgeList edges = EdgeListFormat.readDense(path.resolve(EDGES_TSV), nodes.ids());
            return new Loaded(edges, nodes);
        }
        EdgeList edges = EdgeListFormat.read(path);
        return new Loaded(edges, NodeTable.untyped(edges.nodeIds()));
    }
}
