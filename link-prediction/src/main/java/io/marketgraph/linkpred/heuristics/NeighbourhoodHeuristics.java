package io.marketgraph.linkpred.heuristics;

import io.marketgraph.embeddings.graph.CsrGraph;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The classic neighbourhood link predictors on an undirected {@link CsrGraph}, computed on the
 * sorted adjacency arrays: the fast path next to JGraphT's reference implementations
 * ({@code org.jgrapht.alg.linkprediction}), which the tests check it against on random graphs.
 * Definitions follow JGraphT (Liben-Nowell and Kleinberg, 2007):
 * <ul>
 *   <li>Common Neighbors |N(u) ∩ N(v)|;</li>
 *   <li>Jaccard |N(u) ∩ N(v)| / |N(u) ∪ N(v)| (0 when both are isolated);</li>
 *   <li>Adamic-Adar Σ_{z ∈ N(u) ∩ N(v)} 1 / ln |N(z)|;</li>
 *   <li>Resource Allocation Σ_{z ∈ N(u) ∩ N(v)} 1 / |N(z)|;</li>
 *   <li>Preferential Attachment |N(u)| · |N(v)|.</li>
 * </ul>
 */
public final class NeighbourhoodHeuristics {

    private final CsrGraph graph;

    public NeighbourhoodHeuristics(CsrGraph graph) {
        if (graph.directed()) {
            throw new IllegalArgumentException("neighbourhood heuristics need an undirected graph");
        }
        this.graph = graph;
    }

    /** All heuristics of one pair, indexed by {@link Heuristic#ordinal()}, written into {@code out}. */
    public void pair(int u, int v, double[] out) {
        int[] adj = graph.neighbours();
        int[] off = graph.offsets();
        int i = off[u];
        int iEnd = off[u + 1];
        int j = off[v];
        int jEnd = off[v + 1];
        int common = 0;
        double aa = 0;
        double ra = 0;
        while (i < iEnd && j < jEnd) {
            int a = adj[i];
            int b = adj[j];
            if (a == b) {
                int dz = graph.degree(a);
                common++;
                aa += 1.0 / Math.log(dz);
                ra += 1.0 / dz;
                i++;
                j++;
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        int du = iEnd - off[u];
        int dv = jEnd - off[v];
        int union = du + dv - common;
        out[Heuristic.COMMON_NEIGHBORS.ordinal()] = common;
        out[Heuristic.JACCARD.ordinal()] = union == 0 ? 0 : (double) common / union;
        out[Heuristic.ADAMIC_ADAR.ordinal()] = aa;
        out[Heuristic.RESOURCE_ALLOCATION.ordinal()] = ra;
        out[Heuristic.PREFERENTIAL_ATTACHMENT.ordinal()] = (double) du * dv;
    }

    /**
     * Per-source scores against every candidate at once, by walking two hops out of the source:
     * O(Σ_{z ∈ N(u)} |N(z)|) instead of one intersection per candidate. Not thread-safe: one per thread.
     */
    public final class Scores {
        private final double[] common = new double[graph.nodeCount()];
        private final double[] aa = new double[graph.nodeCount()];
        private final double[] ra = new double[graph.nodeCount()];
        private int[] touched = new int[64];
        private int touchedCount;
        private int source = -1;

        /** Computes the two-hop sums for {@code u}; candidates outside them score 0 on CN, Jaccard, AA and RA. */
        public void from(int u, IntPredicate candidate) {
            for (int t = 0; t < touchedCount; t++) {
                int v = touched[t];
                common[v] = 0;
                aa[v] = 0;
                ra[v] = 0;
            }
            touchedCount = 0;
            source = u;
            int[] adj = graph.neighbours();
            int[] off = graph.offsets();
            for (int i = off[u]; i < off[u + 1]; i++) {
                int z = adj[i];
                int dz = graph.degree(z);
                double aaz = 1.0 / Math.log(dz);
                double raz = 1.0 / dz;
                for (int k = off[z]; k < off[z + 1]; k++) {
                    int v = adj[k];
                    if (v == u || !candidate.test(v)) {
                        continue;
                    }
                    if (common[v] == 0) {
                        if (touchedCount == touched.length) {
                            touched = Arrays.copyOf(touched, touchedCount * 2);
                        }
                        touched[touchedCount++] = v;
                    }
                    common[v] += 1;
                    aa[v] += aaz;
                    ra[v] += raz;
                }
            }
        }

        public double score(Heuristic h, int v) {
            int du = graph.degree(source);
            int dv = graph.degree(v);
            return switch (h) {
                case COMMON_NEIGHBORS -> common[v];
                case JACCARD -> du + dv - common[v] == 0 ? 0 : common[v] / (du + dv - common[v]);
                case ADAMIC_ADAR -> aa[v];
                case RESOURCE_ALLOCATION -> ra[v];
                case PREFERENTIAL_ATTACHMENT -> (double) du * dv;
            };
        }
    }

    public Scores newScores() {
        return new Scores();
    }
}
