package io.marketgraph.linkpred.model;

/** The link model families the trainer offers. */
public enum LinkModelKind {
    LOGISTIC,
    MLP
}
