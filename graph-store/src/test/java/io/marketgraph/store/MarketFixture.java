package io.marketgraph.store;

import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.io.PredictedLinksFormat.PredictedLink;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.NodeRef;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built marketplace for the audience and predicted-link tests.
 *
 * <pre>
 * users      u1 r1, u2 r1, u3 r2, u4 r1, u5 (no region), u6 r2
 * posts      p1 r1 cat 7, p2 r2 cat 8
 * businesses b1 r1 cat 7, b2 r2 cat 9
 * INTERACTED u1->b1, u1->p1, u2->p1, u3->p1, u3->b1, u4->p2
 * </pre>
 */
final class MarketFixture {

    static final String[] NODES = {
        "0 USER u1 1 -1", "1 USER u2 1 -1", "2 USER u3 2 -1", "3 USER u4 1 -1", "4 USER u5 -1 -1", "5 USER u6 2 -1",
        "6 POST p1 1 7", "7 POST p2 2 8", "8 BUSINESS b1 1 7", "9 BUSINESS b2 2 9",
    };
    static final String[] EDGES = {"0 8 4", "0 6 1", "1 6 1", "2 6 3", "2 8 1", "3 7 2"};

    /** Model version v1: interest in b1 for everyone, some in p1, one in b2. */
    static final List<PredictedLink> V1 = List.of(
            link("u1", NodeKind.BUSINESS, "b1", 0.9), link("u2", NodeKind.BUSINESS, "b1", 0.8),
            link("u3", NodeKind.BUSINESS, "b1", 0.7), link("u4", NodeKind.BUSINESS, "b1", 0.6),
            link("u5", NodeKind.BUSINESS, "b1", 0.95), link("u6", NodeKind.BUSINESS, "b1", 0.8),
            link("u4", NodeKind.POST, "p1", 0.85), link("u5", NodeKind.POST, "p1", 0.4),
            link("u2", NodeKind.BUSINESS, "b2", 0.99));

    private MarketFixture() {}

    static PredictedLink link(String user, NodeKind kind, String target, double score) {
        return new PredictedLink(new NodeRef(NodeKind.USER, user), new NodeRef(kind, target), score);
    }

    static Path graph(Path tmp) {
        return TestGraphs.write(tmp.resolve("market"), NODES, EDGES);
    }

    static Path links(Path tmp, String name, List<PredictedLink> links) {
        Path file = tmp.resolve(name);
        PredictedLinksFormat.write(file, new ArrayList<>(links));
        return file;
    }

    /** Exports the graph and, if {@code links} is not null, that model version's links. */
    static ExportResult export(Path tmp, List<PredictedLink> links, String version) {
        Path linksFile = links == null ? null : links(tmp, version + ".tsv.gz", links);
        return new ExportJob(Neo4jTestSupport.driver(), "test", ProgressTracker.NOOP)
                .run(new ExportConfig(graph(tmp), linksFile, links == null ? null : version, 4, 2, 0.0));
    }
}
