package io.marketgraph.linkpred.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.linkpred.metrics.BinaryMetrics;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains real DJL/PyTorch models (offline, CPU) on a planted linear rule. */
class LinkModelTest {

    @TempDir
    Path tmp;

    private static final List<String> NAMES = List.of("signal_a", "signal_b", "noise", "constant");

    /** label = 1 iff 2a - b + small noise > 0; the 'constant' column checks that zero variance is harmless. */
    private static FeatureMatrix data(int rows, long seed, float[] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * NAMES.size()];
        for (int r = 0; r < rows; r++) {
            float a = (float) random.nextGaussian();
            float b = (float) random.nextGaussian() * 3 + 10;
            x[r * 4] = a;
            x[r * 4 + 1] = b;
            x[r * 4 + 2] = (float) random.nextGaussian();
            x[r * 4 + 3] = 7f;
            labels[r] = 2 * a - (b - 10) / 3 + 0.1 * random.nextGaussian() > 0 ? 1f : 0f;
        }
        return new FeatureMatrix(x, rows, NAMES);
    }

    private static boolean[] bools(float[] labels) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == 1f;
        }
        return out;
    }

    @Test
    void both_kinds_learn_a_planted_rule_and_survive_save_and_load() {
        float[] trainLabels = new float[2000];
        FeatureMatrix train = data(2000, 1, trainLabels);
        float[] testLabels = new float[1000];
        FeatureMatrix test = data(1000, 2, testLabels);
        for (LinkModelKind kind : LinkModelKind.values()) {
            try (LinkModel model = LinkModel.train(train, trainLabels, LinkModelConfig.defaults(kind), ProgressTracker.NOOP)) {
                float[] scores = model.score(test);
                double auc = BinaryMetrics.rocAuc(scores, bools(testLabels));
                assertTrue(auc > 0.97, kind + " AUC " + auc);

                Path dir = tmp.resolve(kind.name());
                model.save(dir);
                try (LinkModel loaded = LinkModel.load(dir)) {
                    assertArrayEquals(scores, loaded.score(test), 0f);
                }
            }
        }
    }

    @Test
    void same_seed_gives_the_same_model() {
        float[] labels = new float[500];
        FeatureMatrix train = data(500, 3, labels);
        LinkModelConfig config = LinkModelConfig.defaults(LinkModelKind.MLP).withSeed(11);
        try (LinkModel a = LinkModel.train(train, labels, config, ProgressTracker.NOOP);
                LinkModel b = LinkModel.train(train, labels, config, ProgressTracker.NOOP)) {
            assertArrayEquals(a.score(train), b.score(train), 0f);
        }
    }

    @Test
    void refuses_features_it_was_not_trained_on() {
        float[] labels = new float[100];
        FeatureMatrix train = data(100, 4, labels);
        try (LinkModel model = LinkModel.train(train, labels, LinkModelConfig.defaults(LinkModelKind.LOGISTIC), ProgressTracker.NOOP)) {
            FeatureMatrix other = new FeatureMatrix(new float[4], 1, List.of("a", "b", "c", "d"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.score(other));
            assertTrue(e.getMessage().contains("differ from the model's"), e.getMessage());
        }
    }
}
