package io.marketgraph.model;

/** Lifecycle of a listing. Only ACTIVE posts are recommended. */
public enum PostStatus {
    ACTIVE,
    RESERVED,
    SOLD,
    HIDDEN
}
