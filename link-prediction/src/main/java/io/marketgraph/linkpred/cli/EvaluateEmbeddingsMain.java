package io.marketgraph.linkpred.cli;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.eval.Embedder;
import io.marketgraph.linkpred.eval.LinkPredictionEvaluation;
import io.marketgraph.linkpred.eval.NodeClassificationEvaluation;
import io.marketgraph.progress.LoggingProgressTracker;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/marketgraph evaluate-embeddings}: the node2vec paper's protocols on an edge list.
 * Exit 0 ok, 2 bad usage, 3 input rejected, 1 failure.
 */
public final class EvaluateEmbeddingsMain {

    static final String USAGE = String.join("\n",
            "usage: bin/marketgraph evaluate-embeddings --edge-list PATH --task TASK [flags]",
            "",
            "  --edge-list PATH     edge list 'src dst [weight]' or graph directory, read as undirected (required)",
            "  --task TASK          link-prediction | node-classification (default link-prediction)",
            "  --labels FILE        node<TAB>label lines, one per (node, label) (required for node-classification)",
            "  --out FILE           JSON report (default: printed only)",
            "  --seed N             split, walks and training seed (default 1)",
            "  --dim N              (default 128)      --walk-length N    (default 80)",
            "  --walks-per-node N   (default 10)       --window N         (default 10)",
            "  --p X                (default 1)        --q X              (default 1)",
            "  --epochs N           (default 1)        --negatives N      (default 5)",
            "  --threads N          (default: all cores = " + Runtime.getRuntime().availableProcessors() + ")",
            "  --sample X           sub-sampling threshold, 0 = off (default 0.001)",
            "  --walks-out FILE     also write the walks node2vec trains on (one a line, dense node indices)",
            "  --vectors FILE       skip node2vec: word2vec text vectors keyed by dense node index, trained",
            "                       elsewhere (e.g. gensim) on the --walks-out walks of the same seed",
            "  --help               this text");

    private static final Set<String> KNOWN = Set.of("edge-list", "task", "labels", "out", "seed", "dim",
            "walk-length", "walks-per-node", "window", "p", "q", "epochs", "negatives", "threads", "sample", "walks-out", "vectors");

    private EvaluateEmbeddingsMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(USAGE);
                return 0;
            }
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !KNOWN.contains(name) || i + 1 >= args.length) {
                return usage(name == null ? "unexpected argument '" + args[i] + "'"
                        : !KNOWN.contains(name) ? "unknown flag --" + name : "flag --" + name + " needs a value");
            }
            f.put(name, args[++i]);
        }
        String task = f.getOrDefault("task", "link-prediction");
        if (!f.containsKey("edge-list")) {
            return usage("missing required flag --edge-list");
        }
        if (!task.equals("link-prediction") && !task.equals("node-classification")) {
            return usage("--task must be link-prediction or node-classification, got '" + task + "'");
        }
        if (task.equals("node-classification") && !f.containsKey("labels")) {
            return usage("--task node-classification needs --labels FILE");
        }
        WalkConfig walks;
        SkipGramConfig sg;
        long seed;
        try {
            seed = Long.parseLong(f.getOrDefault("seed", "1"));
            walks = new WalkConfig(num(f, "walks-per-node", 10), num(f, "walk-length", 80),
                    Double.parseDouble(f.getOrDefault("p", "1")), Double.parseDouble(f.getOrDefault("q", "1")), seed);
            sg = new SkipGramConfig(num(f, "dim", 128), num(f, "window", 10), num(f, "negatives", 5),
                    num(f, "epochs", 1), 0.025f, Double.parseDouble(f.getOrDefault("sample", "1e-3")),
                    num(f, "threads", Runtime.getRuntime().availableProcessors()), seed);
        } catch (IllegalArgumentException e) {
            return usage(e instanceof NumberFormatException ? "a numeric flag is not a number: " + e.getMessage()
                    : e.getMessage());
        }
        try {
            ProgressTracker progress = LoggingProgressTracker.toStderr("evaluate-embeddings");
            long t0 = System.nanoTime();
            GraphDirectory.Loaded loaded = GraphDirectory.load(Path.of(f.get("edge-list")));
            CsrBuilder.Result csr = CsrBuilder.build(loaded.edges(), false);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            Embedder embedder = f.containsKey("vectors") ? Embedder.fromWord2VecText(Path.of(f.get("vectors")))
                    : f.containsKey("walks-out") ? Embedder.node2vecWritingWalks(walks, sg, Path.of(f.get("walks-out")))
                    : Embedder.node2vec(walks, sg);
            Map<String, Object> report;
            if (task.equals("link-prediction")) {
                report = LinkPredictionEvaluation.run(csr.graph(), embedder, seed, progress);
            } else {
                LabelFile.Labels labels = LabelFile.read(Path.of(f.get("labels")), loaded.nodes().ids());
                report = NodeClassificationEvaluation.run(csr.graph(), labels.perNode(), labels.names().size(),
                        embedder, seed, progress);
                report.put("labels_skipped", Map.of("unknown_node", labels.unknownNodes()));
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("edge_list", f.get("edge-list"));
            input.put("input_edges", loaded.edges().edgeCount());
            input.put("self_loops_dropped", csr.selfLoops());
            input.put("parallel_edges_merged", csr.mergedParallelEdges());
            input.put("load_seconds", loadSeconds);
            report.put("input", input);
            report.put("parameters", f.containsKey("vectors") ? Map.of("vectors", f.get("vectors"))
                    : Map.of("walks", walks, "skipgram", sg));
            if (f.containsKey("out")) {
                Json.write(Path.of(f.get("out")), report);
            }
            System.out.println("== evaluate-embeddings " + task);
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return 0;
        } catch (InvalidInputException e) {
            System.err.println("evaluate-embeddings: input rejected: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            System.err.println("evaluate-embeddings: failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static int num(Map<String, String> f, String name, int fallback) {
        String v = f.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static int usage(String message) {
        System.err.println("evaluate-embeddings: " + message);
        System.err.println(USAGE);
        return 2;
    }
}
