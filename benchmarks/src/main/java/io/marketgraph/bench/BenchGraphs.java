package io.marketgraph.bench;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.io.EdgeList;

/** Deterministic planted-partition graphs for the embedding benchmarks (as embeddings/scripts/sbm_edges.py). */
final class BenchGraphs {

    private BenchGraphs() {}

    /** {@code edges} random edges; 80 % inside one of {@code blocks} equal blocks. May repeat an edge (merged). */
    static CsrGraph plantedPartition(int nodes, int edges, int blocks, long seed) {
        int[] src = new int[edges];
        int[] dst = new int[edges];
        WalkRandom rnd = new WalkRandom().reseed(seed, 7, 7);
        int size = (nodes + blocks - 1) / blocks;
        for (int e = 0; e < edges; e++) {
            int u = rnd.nextInt(nodes);
            int v;
            do {
                if (rnd.nextFloat() < 0.8f) {
                    int block = u / size;
                    v = block * size + rnd.nextInt(Math.min(size, nodes - block * size));
                } else {
                    v = rnd.nextInt(nodes);
                }
            } while (v == u);
            src[e] = u;
            dst[e] = v;
        }
        String[] ids = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            ids[i] = Integer.toString(i);
        }
        return CsrBuilder.build(new EdgeList(nodes, src, dst, null, ids), false).graph();
    }
}
