package io.marketgraph.bench;

import io.marketgraph.cli.Cli;
import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.drift.Drift;
import io.marketgraph.embeddings.drift.Procrustes;
import io.marketgraph.embeddings.drift.WarmStart;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.io.EdgeList;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.eval.LinkPredictionEvaluation;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The warm-start acceptance on a real graph (default ego-Facebook): the "previous" graph is the
 * graph less 2 % of its nodes (so the graph has 2 % new nodes) and less random edges, so that the
 * graph has 5 % more edges than the previous one. (1) Drift: the previous store is a cold embed of
 * the previous graph; the graph is embedded cold (aligned by Procrustes) and with the warm start;
 * mean cosine and neighbour overlap@10 of both against the previous store. Every run uses the same
 * seed, as a nightly retrain would. (2) Link prediction: the
 * node2vec protocol of evaluate-embeddings (50 % of the edges held out), the residual embedded cold
 * and warm-started from a previous store learnt on the residual shrunk the same way (no held-out
 * edge is ever seen). Same walk and skip-gram parameters everywhere; JSON out.
 */
public final class WarmStartBench {

    @Command(name = "bench-warm-start", sortOptions = false,
            description = "Warm start against cold start on one graph: drift (overlap@10, mean cosine) and link-prediction AUC.",
            footer = "Exit: 0 ok, 2 bad usage, 3 unreadable graph, 1 failure.")
    static final class Options implements Cli.Checked {
        @Option(names = "--edge-list", paramLabel = "FILE", defaultValue = "/work/shared/datasets/facebook/edges.tsv",
                description = "graph (ego-Facebook by default)")
        Path edgeList;
        @Option(names = "--out", paramLabel = "FILE", defaultValue = "warm-start.json", description = "JSON results")
        Path out;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of every run")
        long seed;
        @Option(names = "--threads", paramLabel = "N", description = "trainer threads (default: all cores)")
        Integer threads;
        @Option(names = "--parts", paramLabel = "P,P", defaultValue = "drift,auc", split = ",",
                description = "drift, auc or both")
        Set<String> parts;
        @Option(names = "--warm-learning-rate", paramLabel = "X", defaultValue = "0.025",
                description = "starting learning rate of the warm-started runs (cold uses 0.025)")
        double warmLearningRate;

        @Override
        public void check() {
            Cli.existing(edgeList, "--edge-list");
        }
    }

    private WarmStartBench() {}

    public static void main(String[] args) {
        System.exit(Cli.run("bench-warm-start", new Options(), args, WarmStartBench::run));
    }

    private static int run(Options o) {
        long seed = o.seed;
        int threads = o.threads != null ? o.threads : Runtime.getRuntime().availableProcessors();
        GraphDirectory.Loaded loaded = GraphDirectory.load(o.edgeList);
        CsrGraph graph = CsrBuilder.build(loaded.edges(), false).graph();
        String[] ids = loaded.nodes().ids();
        WalkConfig walks = new WalkConfig(10, 80, 1, 1, seed);
        SkipGramConfig sg = new SkipGramConfig(128, 10, 5, 1, 0.025f, 1e-3, threads, seed);
        float warmRate = (float) o.warmLearningRate;
        SkipGramConfig sgWarm = new SkipGramConfig(128, 10, 5, 1, warmRate, 1e-3, threads, seed);
        Set<String> parts = o.parts;
        ProgressTracker progress = LoggingProgressTracker.toStderr("bench warm-start");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graph", o.edgeList.toString());
        out.put("nodes", graph.nodeCount());
        out.put("edges", graph.edgeCount());

        out.put("warm_learning_rate", warmRate);
        if (parts.contains("drift")) {
            EmbeddingStore previous = previousStore(graph, ids, walks, sg, seed, progress, out);
            WarmStart match = WarmStart.match(previous, NodeTable.untyped(ids));
            Drift.Result cold = aligned(Node2Vec.embed(graph, walks, sg, progress).vectors(), match, sg.dim(), seed);
            Drift.Result warm = aligned(warmEmbed(graph, walks, sgWarm, match, progress).vectors(), match, sg.dim(), seed);
            out.put("drift_cold", cold.json());
            out.put("drift_warm", warm.json());
            System.out.println(String.format(Locale.ROOT, "bench-warm-start: overlap@10 warm %.4f, cold %.4f (ratio %.2f); "
                            + "mean cosine warm %.4f, cold %.4f", warm.neighbourOverlapAt10(), cold.neighbourOverlapAt10(),
                    warm.neighbourOverlapAt10() / cold.neighbourOverlapAt10(), warm.meanCosine(), cold.meanCosine()));
        }
        if (parts.contains("auc")) {
            Map<String, Object> aucCold = LinkPredictionEvaluation.run(graph,
                    (residual, p) -> Node2Vec.embed(residual, walks, sg, p), seed, progress);
            Map<String, Object> aucWarm = LinkPredictionEvaluation.run(graph, (residual, p) -> {
                EmbeddingStore prev = previousStore(residual, ids, walks, sg, seed, progress, new LinkedHashMap<>());
                return warmEmbed(residual, walks, sgWarm, WarmStart.match(prev, NodeTable.untyped(ids)), progress);
            }, seed, progress);
            out.put("link_prediction_cold", aucCold.get("auc"));
            out.put("link_prediction_warm", aucWarm.get("auc"));
            System.out.println("bench-warm-start: AUC warm " + aucWarm.get("auc") + ", cold " + aucCold.get("auc"));
        }
        Json.write(o.out, out);
        System.out.println("bench-warm-start: wrote " + o.out);
        return 0;
    }

    private static Node2Vec.Result warmEmbed(CsrGraph graph, WalkConfig walks, SkipGramConfig sg, WarmStart match,
                                             ProgressTracker progress) {
        return Node2Vec.embed(new GeneratedWalks(new BiasedWalker(graph, walks)), sg,
                match.initialVectors(sg.dim(), sg.seed(), graph), progress);
    }

    private static Drift.Result aligned(float[] vectors, WarmStart match, int dim, long seed) {
        int[][] pairs = match.pairs();
        Procrustes.apply(vectors, dim, Procrustes.rotation(vectors, pairs[0], match.previous().vectors(), pairs[1], dim));
        return Drift.measure(vectors, match.previous().vectors(), match, dim, seed);
    }

    /**
     * A cold embedding of {@code graph} less 1 - 1/1.02 of its non-isolated nodes (their edges go) and
     * less random edges down to |E| / 1.05; the store holds the kept nodes only.
     */
    static EmbeddingStore previousStore(CsrGraph graph, String[] ids, WalkConfig walks, SkipGramConfig sg, long seed,
                                        ProgressTracker progress, Map<String, Object> out) {
        int n = graph.nodeCount();
        WalkRandom rnd = new WalkRandom().reseed(seed, 77, 0);
        int[] order = new int[n];
        int live = 0;
        for (int v = 0; v < n; v++) {
            if (graph.degree(v) > 0) {
                order[live++] = v;
            }
        }
        int drop = (int) Math.round(live - live / 1.02);
        boolean[] dropped = new boolean[n];
        for (int i = 0; i < drop; i++) {
            int j = i + rnd.nextInt(live - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            dropped[order[i]] = true;
        }
        List<int[]> kept = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            for (int e = graph.offsets()[u]; e < graph.offsets()[u + 1]; e++) {
                int v = graph.neighbours()[e];
                if (u < v && !dropped[u] && !dropped[v]) {
                    kept.add(new int[] {u, v});
                }
            }
        }
        long target = Math.round(graph.edgeCount() / 1.05);
        for (int i = kept.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] t = kept.get(i);
            kept.set(i, kept.get(j));
            kept.set(j, t);
        }
        int m = (int) Math.min(kept.size(), target);
        int[] src = new int[m];
        int[] dst = new int[m];
        for (int e = 0; e < m; e++) {
            src[e] = kept.get(e)[0];
            dst[e] = kept.get(e)[1];
        }
        CsrGraph prev = CsrBuilder.build(new EdgeList(n, src, dst, null, ids), false).graph();
        float[] v = Node2Vec.embed(prev, walks, sg, progress).vectors();
        int rows = 0;
        for (int u = 0; u < n; u++) {
            rows += prev.degree(u) > 0 ? 1 : 0;
        }
        float[] compact = new float[rows * sg.dim()];
        String[] keptIds = new String[rows];
        int r = 0;
        for (int u = 0; u < n; u++) {
            if (prev.degree(u) > 0) {
                System.arraycopy(v, u * sg.dim(), compact, r * sg.dim(), sg.dim());
                keptIds[r++] = ids[u];
            }
        }
        out.put("previous_nodes", rows);
        out.put("previous_edges", prev.edgeCount());
        out.put("dropped_nodes_requested", drop);
        return new EmbeddingStore(sg.dim(), compact, NodeTable.untyped(Arrays.copyOf(keptIds, rows)));
    }
}
