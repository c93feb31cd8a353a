package io.marketgraph.linkpred.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A link model trained with DJL on the PyTorch engine: logistic regression or an MLP over
 * standardized pair features, giving the probability that a (source, target) pair is a link.
 *
 * <p>Saved as a DJL artifact ({@value #NAME}-0000.params) plus {@value #META} with the kind, the
 * feature names and the standardization, so a scorer can refuse features it was not trained on.
 * Scoring is one forward pass over the whole batch (10k pairs take a few milliseconds) and is safe
 * from many threads: each call uses its own NDManager.
 */
public final class LinkModel implements AutoCloseable {

    public static final String NAME = "link-model";
    public static final String META = "link-model.json";

    /** What {@value #META} holds. */
    public record Meta(LinkModelKind kind, int hiddenUnits, List<String> features, float[] mean, float[] scale) {}

    private final Model model;
    private final Meta meta;

    private LinkModel(Model model, Meta meta) {
        this.model = model;
        this.meta = meta;
    }

    public Meta meta() {
        return meta;
    }

    public List<String> features() {
        return meta.features();
    }

    /** The one linear layer of a logistic model: {@code logit = bias + weights . standardized(x)}. */
    public record LinearWeights(float[] weights, float bias) {}

    /**
     * A logistic model's weights and bias, read out of the DJL block (empty for an MLP), so that a
     * caller scoring a few hundred rows per request can do it in plain Java: same standardization
     * ({@link Meta#mean()}, {@link Meta#scale()}), then the dot product and the sigmoid.
     */
    public Optional<LinearWeights> linearWeights() {
        if (meta.kind() != LinkModelKind.LOGISTIC) {
            return Optional.empty();
        }
        Block linear = model.getBlock().getChildren().values().get(0);
        float[] weights = linear.getParameters().get("weight").getArray().toFloatArray();
        float[] bias = linear.getParameters().get("bias").getArray().toFloatArray();
        if (weights.length != meta.features().size() || bias.length != 1) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "logistic link model has %d weights and %d biases for %d features", weights.length, bias.length,
                    meta.features().size()));
        }
        return Optional.of(new LinearWeights(weights, bias[0]));
    }

    /**
     * Trains on {@code x} with 0/1 {@code labels}.
     *
     * @throws IllegalArgumentException if the rows and labels disagree or a label is not 0 or 1
     */
    public static LinkModel train(FeatureMatrix x, float[] labels, LinkModelConfig config, ProgressTracker progress) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d labels for %d feature rows", labels.length, x.rows()));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0f && labels[i] != 1f) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "label %d must be 0 or 1, got %s", i, labels[i]));
            }
        }
        Meta meta = standardization(x, config);
        Engine.getInstance().setRandomSeed((int) config.seed());
        Model model = Model.newInstance(NAME, Device.cpu(), "PyTorch");
        boolean ok = false;
        try {
            model.setBlock(block(meta));
            DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(training);
                    ProgressTracker.Stage stage = progress.stage("train " + config.kind().name().toLowerCase(Locale.ROOT),
                            config.epochs())) {
                trainer.initialize(new Shape(config.batchSize(), x.cols()));
                NDManager manager = trainer.getManager();
                NDArray features = manager.create(standardize(x.values(), meta), new Shape(x.rows(), x.cols()));
                NDArray y = manager.create(labels, new Shape(x.rows(), 1));
                ArrayDataset data = new ArrayDataset.Builder().setData(features).optLabels(y)
                        .setSampling(config.batchSize(), true).build();
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    stage.advance(1);
                }
            }
            ok = true;
            return new LinkModel(model, meta);
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("link model training failed", e);
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    /** Probabilities for {@code rows} pairs, features row-major in the order of {@link #features()}. */
    public float[] score(float[] features, int rows) {
        int cols = meta.features().size();
        if ((long) rows * cols != features.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "expected %d rows x %d features = %d values, got %d", rows, cols, rows * cols, features.length));
        }
        if (rows == 0) {
            return new float[0];
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(standardize(features, meta), new Shape(rows, cols));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            float[] logits = out.singletonOrThrow().toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
            }
            return logits;
        }
    }

    public float[] score(FeatureMatrix x) {
        if (!x.names().equals(meta.features())) {
            throw new IllegalArgumentException("features " + x.names() + " differ from the model's " + meta.features());
        }
        return score(x.values(), x.rows());
    }

    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            model.save(dir, NAME);
            Json.write(dir.resolve(META), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to save link model to " + dir, e);
        }
    }

    /** Loads a model saved by {@link #save(Path)}. */
    public static LinkModel load(Path dir) {
        Path metaFile = dir.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            throw new InvalidInputException("no link model in " + dir + ": " + META + " is missing");
        }
        Meta meta = Json.read(metaFile, Meta.class);
        Model model = Model.newInstance(NAME, Device.cpu(), "PyTorch");
        try {
            model.setBlock(block(meta));
            model.load(dir, NAME);
            return new LinkModel(model, meta);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new InvalidInputException("link model in " + dir + " is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static Block block(Meta meta) {
        SequentialBlock block = new SequentialBlock();
        if (meta.kind() == LinkModelKind.MLP) {
            block.add(Linear.builder().setUnits(meta.hiddenUnits()).build());
            block.add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }

    private static Meta standardization(FeatureMatrix x, LinkModelConfig config) {
        int cols = x.cols();
        double[] sum = new double[cols];
        double[] sq = new double[cols];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double v = x.get(r, c);
                sum[c] += v;
                sq[c] += v * v;
            }
        }
        float[] mean = new float[cols];
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            double m = sum[c] / Math.max(1, x.rows());
            double var = sq[c] / Math.max(1, x.rows()) - m * m;
            mean[c] = (float) m;
            scale[c] = var > 1e-12 ? (float) (1.0 / Math.sqrt(var)) : 1f; // constant columns pass through centred
        }
        return new Meta(config.kind(), config.hiddenUnits(), x.names(), mean, scale);
    }

    private static float[] standardize(float[] values, Meta meta) {
        int cols = meta.mean().length;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = i % cols;
            out[i] = (values[i] - meta.mean()[c]) * meta.scale()[c];
        }
        return out;
    }
}
