package io.marketgraph.store;

/** Why an input record was not written to Neo4j. Every skip is counted by reason and reported. */
public enum RejectReason {
    /** An edge of edges.tsv (graph without interactions.tsv) with no USER endpoint (POST-POST, POST-BUSINESS, ...): not an interaction. */
    EDGE_WITHOUT_USER,
    /** An edge of edges.tsv between two users: the graph model has no user-user interaction. */
    EDGE_BETWEEN_USERS,
    /** A second row for a (src, dst) pair already read from edges.tsv or interactions.tsv. */
    DUPLICATE_PAIR,
    /** An interactions.tsv row that is not USER -> POST/BUSINESS. */
    INTERACTION_NOT_USER_TO_TARGET,
    /** An interactions.tsv row whose pair is not in edges.tsv (so it has no weight). */
    INTERACTION_WITHOUT_EDGE,
    /** An edges.tsv pair of a typed graph that is neither in interactions.tsv nor a listing (USER/BUSINESS -> POST). */
    EDGE_NOT_TYPED,
    /** A predicted link whose source is not a USER. */
    LINK_SOURCE_NOT_USER,
    /** A predicted link whose target is a USER (only POST and BUSINESS targets are predicted). */
    LINK_TARGET_IS_USER,
    /** A predicted link naming a user, post or business that is not in Neo4j (export the graph first). */
    LINK_UNKNOWN_NODE
}
