package io.marketgraph.model;

import java.util.Objects;

/** An external node identity: its kind and the id the marketplace uses for it. */
public record NodeRef(NodeKind kind, String id) {

    public NodeRef {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank (kind " + kind + ")");
        }
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
