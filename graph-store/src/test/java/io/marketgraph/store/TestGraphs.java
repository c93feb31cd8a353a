package io.marketgraph.store;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny graph directories (nodes.tsv/, edges.tsv/, _SUCCESS) from inline lines. */
final class TestGraphs {

    private TestGraphs() {}

    /**
     * @param nodeLines rows after the header: {@code node kind id region category degree pagerank component}
     * @param edgeLines {@code src dst weight} over dense node ids
     */
    static Path write(Path dir, String[] nodeLines, String[] edgeLines) {
        try {
            Files.createDirectories(dir.resolve(GraphDirectory.NODES_TSV));
            Files.createDirectories(dir.resolve(GraphDirectory.EDGES_TSV));
            Files.writeString(dir.resolve(GraphDirectory.NODES_TSV).resolve("part-00000.tsv"),
                    NodeTable.HEADER + "\n" + String.join("\n", nodeLines).replace(' ', '\t') + "\n");
            Files.writeString(dir.resolve(GraphDirectory.EDGES_TSV).resolve("part-00000.tsv"),
                    String.join("\n", edgeLines).replace(' ', '\t') + "\n");
            Files.writeString(dir.resolve(AtomicOutput.SUCCESS), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A graph directory as build-graph writes it: {@link #write} plus {@code interactions.tsv/}.
     *
     * @param interactionLines {@code src dst VIEW SEARCH_CLICK LIKE AD_CLICK CHAT FOLLOW PURCHASE}
     */
    static Path writeTyped(Path dir, String[] nodeLines, String[] edgeLines, String[] interactionLines) {
        write(dir, nodeLines, edgeLines);
        try {
            Files.createDirectories(dir.resolve(GraphDirectory.INTERACTIONS_TSV));
            Files.writeString(dir.resolve(GraphDirectory.INTERACTIONS_TSV).resolve("part-00000.tsv"),
                    InteractionTable.HEADER + "\n" + String.join("\n", interactionLines).replace(' ', '\t') + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
