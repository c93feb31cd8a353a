package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkRandom;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node2vec paper's node-classification protocol: node2vec on the whole graph, one-vs-rest
 * logistic regression per label on a random 50 % of the labelled nodes, each test node gets its k
 * top-scored labels (k = its true label count), Macro- and Micro-F1 averaged over 5 splits.
 */
public final class NodeClassificationEvaluation {

    static final int SPLITS = 5;

    private NodeClassificationEvaluation() {}

    /** @param labels per node the label indices it carries (empty for unlabelled nodes) */
    public static Map<String, Object> run(CsrGraph graph, int[][] labels, int labelCount, WalkConfig walks,
                                          SkipGramConfig sg, long seed, ProgressTracker progress) {
        return run(graph, labels, labelCount, Embedder.node2vec(walks, sg), seed, progress);
    }

    public static Map<String, Object> run(CsrGraph graph, int[][] labels, int labelCount, Embedder embedder,
                                          long seed, ProgressTracker progress) {
        long t0 = System.nanoTime();
        Node2Vec.Result emb = embedder.embed(graph, progress);
        double embedSeconds = LinkPredictionEvaluation.seconds(t0);
        long t1 = System.nanoTime();
        F1Scores scores = evaluate(emb.vectors(), emb.dim(), labels, labelCount, seed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task", "node-classification");
        report.put("macro_f1", scores.macro());
        report.put("micro_f1", scores.micro());
        report.put("splits", SPLITS);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("nodes", graph.nodeCount());
        counts.put("edges", graph.edgeCount());
        counts.put("labelled_nodes", scores.labelled());
        counts.put("labels", labelCount);
        counts.put("tokens", emb.tokens());
        report.put("counts", counts);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("embed", embedSeconds);
        timings.put("classifiers", LinkPredictionEvaluation.seconds(t1));
        timings.put("total", LinkPredictionEvaluation.seconds(t0));
        report.put("timings_seconds", timings);
        return report;
    }

    /** Macro/Micro-F1 averaged over the splits, and how many nodes had labels. */
    public record F1Scores(double macro, double micro, int labelled) {}

    public static F1Scores evaluate(float[] vectors, int dim, int[][] labels, int labelCount, long seed) {
        List<Integer> labelled = new ArrayList<>();
        for (int v = 0; v < labels.length; v++) {
            if (labels[v].length > 0) {
                labelled.add(v);
            }
        }
        int[] nodes = labelled.stream().mapToInt(Integer::intValue).toArray();
        double macroSum = 0;
        double microSum = 0;
        for (int s = 0; s < SPLITS; s++) {
            int[] order = nodes.clone();
            WalkRandom rnd = new WalkRandom().reseed(seed, 303, s);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int train = order.length / 2;
            double[][] x = new double[train][];
            for (int i = 0; i < train; i++) {
                x[i] = row(vectors, dim, order[i]);
            }
            LogisticRegression[] models = new LogisticRegression[labelCount];
            for (int l = 0; l < labelCount; l++) {
                boolean[] y = new boolean[train];
                for (int i = 0; i < train; i++) {
                    y[i] = contains(labels[order[i]], l);
                }
                models[l] = LogisticRegression.fit(x, y, 1.0, 25);
            }
            long[] tp = new long[labelCount];
            long[] fp = new long[labelCount];
            long[] fn = new long[labelCount];
            for (int i = train; i < order.length; i++) {
                int v = order[i];
                double[] r = row(vectors, dim, v);
                Integer[] ranked = new Integer[labelCount];
                double[] sc = new double[labelCount];
                for (int l = 0; l < labelCount; l++) {
                    ranked[l] = l;
                    sc[l] = models[l].score(r);
                }
                Arrays.sort(ranked, (a, b) -> sc[a] != sc[b] ? Double.compare(sc[b], sc[a]) : Integer.compare(a, b));
                int k = labels[v].length;
                for (int j = 0; j < labelCount; j++) {
                    boolean predicted = j < k;
                    boolean truth = contains(labels[v], ranked[j]);
                    if (predicted && truth) {
                        tp[ranked[j]]++;
                    } else if (predicted) {
                        fp[ranked[j]]++;
                    } else if (truth) {
                        fn[ranked[j]]++;
                    }
                }
            }
            macroSum += macroF1(tp, fp, fn);
            microSum += microF1(tp, fp, fn);
        }
        return new F1Scores(macroSum / SPLITS, microSum / SPLITS, nodes.length);
    }

    static double macroF1(long[] tp, long[] fp, long[] fn) {
        double sum = 0;
        for (int l = 0; l < tp.length; l++) {
            sum += f1(tp[l], fp[l], fn[l]);
        }
        return sum / tp.length;
    }

    static double microF1(long[] tp, long[] fp, long[] fn) {
        return f1(Arrays.stream(tp).sum(), Arrays.stream(fp).sum(), Arrays.stream(fn).sum());
    }

    static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static boolean contains(int[] values, int x) {
        for (int v : values) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static double[] row(float[] vectors, int dim, int v) {
        double[] r = new double[dim];
        for (int k = 0; k < dim; k++) {
            r[k] = vectors[v * dim + k];
        }
        return r;
    }
}
