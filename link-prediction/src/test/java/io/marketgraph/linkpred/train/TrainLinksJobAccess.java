package io.marketgraph.linkpred.train;

import java.nio.file.Path;

/** Test access to train-links internals for the api tests (copying a version to corrupt it). */
public final class TrainLinksJobAccess {

    private TrainLinksJobAccess() {}

    public static void copyTree(Path from, Path to) {
        TrainLinksJob.copyTree(from, to);
    }
}
