package io.marketgraph.linkpred.tune;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Grid search over node2vec's p and q (and, when asked, walk length and window) in two rounds, so the
 * grid costs far less than one full run per point: every point is first screened on a short corpus
 * ({@code screenWalks} walks per node instead of the full count), then the best {@code finalists}
 * plus the p = q = 1 baseline are trained on the full corpus and the winner is the best of those.
 * Every point uses the same seed (common random numbers: the differences between points are the
 * settings', not the seeds'). The graph, the split and the thread pool are shared by all runs.
 */
public final class EmbeddingTuner {

    /** One grid point: the walk settings and the skip-gram window. */
    public record Point(double p, double q, int walkLength, int window) {
        String label() {
            return String.format(Locale.ROOT, "p=%s q=%s walk-length=%d window=%d", p, q, walkLength, window);
        }
    }

    /** A point's validation scores: screening, and full (NaN when not a finalist), and the seconds each took. */
    public record Scored(Point point, double screenScore, double screenSeconds, double fullScore, double fullSeconds) {}

    /** The whole grid, the winner, the baseline and the vectors of the winner trained on the validation graph. */
    public record Outcome(List<Scored> grid, Scored winner, Scored baseline, float[] winnerVectors, int dim,
                         double screenSeconds, double finalSeconds) {
        public boolean winnerBeatsBaseline() {
            return winner.fullScore() > baseline.fullScore();
        }
    }

    private final WalkConfig walks;
    private final SkipGramConfig skipGram;
    private final int screenWalks;
    private final int finalists;
    private final Consumer<String> log;

    public EmbeddingTuner(WalkConfig walks, SkipGramConfig skipGram, int screenWalks, int finalists,
                          Consumer<String> log) {
        if (screenWalks < 1 || screenWalks > walks.walksPerNode()) {
            throw new IllegalArgumentException("screen walks must be in 1.." + walks.walksPerNode() + ", got " + screenWalks);
        }
        if (finalists < 1) {
            throw new IllegalArgumentException("finalists must be >= 1, got " + finalists);
        }
        this.walks = walks;
        this.skipGram = skipGram;
        this.screenWalks = screenWalks;
        this.finalists = finalists;
        this.log = log;
    }

    /** The grid: every combination, in the order p, q, walk length, window. */
    public static List<Point> grid(List<Double> ps, List<Double> qs, List<Integer> walkLengths, List<Integer> windows) {
        List<Point> points = new ArrayList<>();
        for (double p : ps) {
            for (double q : qs) {
                for (int l : walkLengths) {
                    for (int w : windows) {
                        points.add(new Point(p, q, l, w));
                    }
                }
            }
        }
        return points;
    }

    public Outcome tune(List<Point> grid, Point baseline, Validation validation, ProgressTracker progress) {
        if (!grid.contains(baseline)) {
            throw new IllegalArgumentException("the grid must contain the baseline " + baseline.label());
        }
        CsrGraph graph = validation.trainGraph();
        long t0 = System.nanoTime();
        List<Scored> screened = new ArrayList<>();
        try (ProgressTracker.Stage stage = progress.stage("screening " + grid.size() + " points at "
                + screenWalks + " walks/node", grid.size())) {
            for (Point point : grid) {
                long t = System.nanoTime();
                Node2Vec.Result r = embed(graph, point, screenWalks);
                double score = validation.score(r.vectors(), r.dim());
                double seconds = (System.nanoTime() - t) / 1e9;
                screened.add(new Scored(point, score, seconds, Double.NaN, Double.NaN));
                log.accept(String.format(Locale.ROOT, "screen %-45s %.4f (%.1f s)", point.label(), score, seconds));
                stage.advance(1);
            }
        }
        double screenSeconds = (System.nanoTime() - t0) / 1e9;
        List<Scored> ranked = new ArrayList<>(screened);
        ranked.sort(Comparator.comparingDouble(Scored::screenScore).reversed());
        List<Point> finals = new ArrayList<>();
        for (int i = 0; i < Math.min(finalists, ranked.size()); i++) {
            finals.add(ranked.get(i).point());
        }
        if (!finals.contains(baseline)) {
            finals.add(baseline);
        }
        long t1 = System.nanoTime();
        List<Scored> grid2 = new ArrayList<>(screened);
        Scored best = null;
        float[] bestVectors = null;
        int dim = skipGram.dim();
        try (ProgressTracker.Stage stage = progress.stage("finalists at " + walks.walksPerNode() + " walks/node",
                finals.size())) {
            for (Point point : finals) {
                long t = System.nanoTime();
                Node2Vec.Result r = embed(graph, point, walks.walksPerNode());
                double score = validation.score(r.vectors(), r.dim());
                double seconds = (System.nanoTime() - t) / 1e9;
                int i = grid.indexOf(point);
                Scored s = new Scored(point, screened.get(i).screenScore(), screened.get(i).screenSeconds(), score, seconds);
                grid2.set(i, s);
                log.accept(String.format(Locale.ROOT, "final  %-45s %.4f (%.1f s)", point.label(), score, seconds));
                if (best == null || score > best.fullScore()) {
                    best = s;
                    bestVectors = r.vectors();
                }
                stage.advance(1);
            }
        }
        double finalSeconds = (System.nanoTime() - t1) / 1e9;
        return new Outcome(grid2, best, grid2.get(grid.indexOf(baseline)), bestVectors, dim, screenSeconds, finalSeconds);
    }

    /** node2vec on {@code graph} with the point's settings and {@code walksPerNode} walks per node. */
    public Node2Vec.Result embed(CsrGraph graph, Point point, int walksPerNode) {
        WalkConfig w = new WalkConfig(walksPerNode, point.walkLength(), point.p(), point.q(), walks.seed());
        SkipGramConfig sg = new SkipGramConfig(skipGram.dim(), point.window(), skipGram.negatives(), skipGram.epochs(),
                skipGram.learningRate(), skipGram.sample(), skipGram.threads(), skipGram.seed());
        return Node2Vec.embed(graph, w, sg, ProgressTracker.NOOP);
    }
}
