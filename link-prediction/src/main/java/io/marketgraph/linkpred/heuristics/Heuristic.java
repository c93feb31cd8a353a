package io.marketgraph.linkpred.heuristics;

import java.util.EnumSet;
import java.util.Set;

/**
 * The classic neighbourhood link predictors (Liben-Nowell and Kleinberg, 2007), as JGraphT defines
 * them. {@link HeuristicScorer} computes them with JGraphT, {@link NeighbourhoodHeuristics} on CSR
 * arrays; the tests hold the two to the same values.
 */
public enum Heuristic {
    COMMON_NEIGHBORS("common_neighbors"),
    JACCARD("jaccard"),
    ADAMIC_ADAR("adamic_adar"),
    RESOURCE_ALLOCATION("resource_allocation"),
    PREFERENTIAL_ATTACHMENT("preferential_attachment");

    /** The four the node2vec paper compares against (Grover and Leskovec, 2016, Table 4). */
    public static final Set<Heuristic> NODE2VEC_PAPER =
            EnumSet.of(COMMON_NEIGHBORS, JACCARD, ADAMIC_ADAR, PREFERENTIAL_ATTACHMENT);

    private final String key;

    Heuristic(String key) {
        this.key = key;
    }

    /** The name in reports and feature lists. */
    public String key() {
        return key;
    }
}
