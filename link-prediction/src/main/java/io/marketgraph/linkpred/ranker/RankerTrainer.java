package io.marketgraph.linkpred.ranker;

import io.marketgraph.linkpred.calibration.CalibratorChoice;
import io.marketgraph.linkpred.candidates.CandidateGenerator;
import io.marketgraph.linkpred.candidates.CandidateGenerator.History;
import io.marketgraph.linkpred.candidates.CandidateSet;
import io.marketgraph.linkpred.model.FeatureMatrix;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.progress.ProgressTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains the ranker on what it will rank, inside the training period: the candidate sets of a
 * graph split earlier (at T2 < T) are labelled with the engagements of [T2, T) (the later graph's
 * task positives that were not positive before T2), so neither features nor labels see the test
 * period. Negatives are the user's non-engaged candidates (the sources' own hard negatives), a
 * seeded sample of at most {@link #NEGATIVES_PER_USER} per user so training stays small; a seeded
 * share of the users is held back to fit the calibration on their full candidate sets, at the rate
 * the served lists really have (isotonic or Platt, whichever their cross-validated log loss prefers:
 * {@link CalibratorChoice}).
 */
public final class RankerTrainer {

    /** Negatives kept per training user (all of its positives are kept). */
    public static final int NEGATIVES_PER_USER = 40;

    /** The trained ranker, its calibration and what they were fit on. */
    public record Outcome(LinkModel model, CalibratorChoice calibration, long trainUsers, long trainRows,
                          long trainPositives, long calibrationUsers, long calibrationRows, long calibrationPositives,
                          long labelPositives, long reachablePositives) {}

    private final CandidateGenerator generator;
    private final RankerFeatures features;
    private final LinkModelConfig model;
    private final int maxUsers;
    private final double calibrationShare;
    private final ProgressTracker progress;

    public RankerTrainer(CandidateGenerator generator, LinkModelConfig model, int maxUsers, double calibrationShare,
                         ProgressTracker progress) {
        this.generator = generator;
        this.features = new RankerFeatures(generator.context());
        this.model = model;
        this.maxUsers = maxUsers;
        this.calibrationShare = calibrationShare;
        this.progress = progress;
    }

    /** @param labels sorted packed (user, post) engagements of [T2, T) */
    public Outcome train(long[] labels) {
        TreeSet<Integer> userSet = new TreeSet<>();
        Arrays.stream(labels).forEach(p -> userSet.add(TaskPairs.source(p)));
        List<Integer> users = new ArrayList<>(userSet);
        Collections.shuffle(users, new Random(model.seed()));
        users = users.subList(0, Math.min(users.size(), maxUsers));
        int calibrationUsers = (int) Math.round(users.size() * calibrationShare);
        List<Integer> calibrate = users.subList(0, calibrationUsers);
        List<Integer> fit = users.subList(calibrationUsers, users.size());
        Set<Long> positive = new HashSet<>();
        Arrays.stream(labels).forEach(positive::add);

        Rows train = rows(fit, positive, "ranker rows", new Random(model.seed() + 1));
        LinkModel ranker = LinkModel.train(train.x(), train.labels(), model, progress);
        Rows cal = rows(calibrate, positive, "calibration rows", null);
        float[] raw = ranker.score(cal.x());
        boolean[] y = new boolean[raw.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = cal.labels()[i] == 1f;
        }
        CalibratorChoice calibration = CalibratorChoice.fit(raw, y);
        Set<Integer> chosen = new HashSet<>(users);
        long labelPositives = Arrays.stream(labels).filter(p -> chosen.contains(TaskPairs.source(p))).count();
        return new Outcome(ranker, calibration, fit.size(), train.x().rows(), train.positives(), calibrate.size(),
                cal.x().rows(), cal.positives(), labelPositives, train.positives() + cal.positives());
    }

    private static FeatureMatrix select(FeatureMatrix x, int[] rows) {
        int cols = x.cols();
        float[] v = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.values(), rows[i] * cols, v, i * cols, cols);
        }
        return new FeatureMatrix(v, rows.length, x.names());
    }

    private record Rows(FeatureMatrix x, float[] labels, long positives) {}

    /** Every candidate row of the users, or with {@code sample} their positives and a sample of their negatives. */
    private Rows rows(List<Integer> users, Set<Long> positive, String stageName, Random sample) {
        List<FeatureMatrix> parts = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        long positives = 0;
        int rows = 0;
        try (ProgressTracker.Stage stage = progress.stage(stageName, users.size())) {
            for (int u : users) {
                History h = generator.history(u, new int[0]);
                CandidateSet set = generator.generate(u, h, t -> true);
                FeatureMatrix all = features.features(u, h, set);
                float[] labels0 = new float[set.size()];
                List<Integer> negatives = new ArrayList<>();
                for (int i = 0; i < labels0.length; i++) {
                    if (positive.contains(TaskPairs.pack(u, set.node(i)))) {
                        labels0[i] = 1f;
                        positives++;
                    } else {
                        negatives.add(i);
                    }
                }
                FeatureMatrix x = all;
                float[] y = labels0;
                if (sample != null && negatives.size() > NEGATIVES_PER_USER) {
                    Collections.shuffle(negatives, sample);
                    Set<Integer> dropped = new HashSet<>(negatives.subList(NEGATIVES_PER_USER, negatives.size()));
                    int[] keep = IntStream.range(0, labels0.length).filter(i -> !dropped.contains(i)).toArray();
                    x = select(all, keep);
                    y = new float[keep.length];
                    for (int i = 0; i < keep.length; i++) {
                        y[i] = labels0[keep[i]];
                    }
                }
                parts.add(x);
                labels.add(y);
                rows += y.length;
                stage.advance(1);
            }
        }
        int cols = RankerFeatures.NAMES.size();
        float[] values = new float[rows * cols];
        float[] y = new float[rows];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i).values(), 0, values, at * cols, parts.get(i).rows() * cols);
            System.arraycopy(labels.get(i), 0, y, at, labels.get(i).length);
            at += labels.get(i).length;
        }
        return new Rows(new FeatureMatrix(values, rows, RankerFeatures.NAMES), y, positives);
    }
}
