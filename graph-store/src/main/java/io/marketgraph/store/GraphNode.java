package io.marketgraph.store;

import io.marketgraph.model.NodeKind;

/**
 * One row of a graph directory's {@code nodes.tsv}: what the export writes as a node's properties.
 * Region and category are -1 where they do not apply; degree, pagerank and component are
 * {@code null} when the node table has no such column (an older or hand-written graph directory).
 */
public record GraphNode(int node, NodeKind kind, String id, int region, int category,
                        Long degree, Double pagerank, Long component) {}
