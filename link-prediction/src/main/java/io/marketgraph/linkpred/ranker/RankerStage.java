package io.marketgraph.linkpred.ranker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.calibration.Calibrator;
import io.marketgraph.linkpred.candidates.CandidateGenerator;
import io.marketgraph.linkpred.candidates.CandidateSource;
import io.marketgraph.linkpred.candidates.MarketContext;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * train-links' seam for the post recommender (task user_post): trains the ranker on an earlier
 * split of the same data ({@code --ranker-graph}, {@code --ranker-embeddings}), evaluates the whole
 * served path on the test period, and saves it into the version as {@code ranker/}
 * ({@code model/} the DJL ranker, {@code calibration.json}, {@code ranker.json}).
 */
public final class RankerStage {

    public static final String DIR = "ranker";
    public static final String MODEL = "model";
    public static final String CALIBRATION = "calibration.json";

    /**
     * @param graph       graph directory split at T2 before train-links' T (same entities, so the same nodes)
     * @param embeddings  embeddings learnt on that graph
     * @param maxUsers    users of [T2, T) whose candidate sets train (and calibrate) the ranker
     * @param calibrationShare share of those users held back for the calibration
     */
    public record Config(Path graph, Path embeddings, LinkModelConfig model, int maxUsers, double calibrationShare) {}

    /** What the stage produced; close to free the ranker's native model. */
    public record Outcome(ObjectNode json, RankerEvaluation.Result evaluation, Recommender recommender)
            implements AutoCloseable {
        @Override
        public void close() {
            recommender.close();
        }
    }

    private final Config config;
    private final ProgressTracker progress;

    public RankerStage(Config config, ProgressTracker progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @param pairs    the user_post pairs of train-links' graph (train before T, test after)
     * @param postAnn  the post ANN index of train-links' embeddings
     */
    public Outcome run(NodeTable nodes, CsrGraph graph, EmbeddingStore embeddings, IvfIndex postAnn, TaskPairs pairs,
                       int k, int maxEvalUsers, Path versionDir) {
        if (pairs.task() != LinkTask.USER_POST) {
            throw new IllegalArgumentException("the ranker recommends posts: task user_post, got " + pairs.task().metricName());
        }
        MarketContext earlier;
        TaskPairs window;
        try (ProgressTracker.Stage stage = progress.stage("ranker load " + config.graph(), 0)) {
            GraphDirectory.Loaded loaded = GraphDirectory.load(config.graph());
            requireSame(nodes, loaded.nodes(), "--ranker-graph " + config.graph());
            EmbeddingStore e2 = EmbeddingStore.read(config.embeddings());
            requireSame(nodes, e2.nodes(), "--ranker-embeddings " + config.embeddings());
            CsrGraph g2 = CsrBuilder.build(loaded.edges(), false).graph();
            InteractionTable before2 = InteractionTable.read(config.graph().resolve(GraphDirectory.INTERACTIONS_TSV), nodes.size());
            long[] earlierPositives = TaskPairs.positives(LinkTask.USER_POST, nodes, before2);
            java.util.Set<Long> known = new java.util.HashSet<>();
            Arrays.stream(earlierPositives).forEach(known::add);
            window = new TaskPairs(LinkTask.USER_POST, earlierPositives,
                    Arrays.stream(pairs.train()).filter(p -> !known.contains(p)).toArray());
            int[] posts = IntStream.range(0, nodes.size()).filter(n -> nodes.kind(n) == NodeKind.POST).toArray();
            IvfIndex ann2 = IvfIndex.build(e2.vectors(), e2.dim(), posts, IvfIndex.defaultCells(posts.length), config.model().seed());
            earlier = new MarketContext(g2, loaded.nodes(), e2, ann2, window.train());
        }
        if (window.test().length == 0) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "--ranker-graph %s: no user_post engagement between its split and train-links' split: "
                            + "split it earlier than --graph (build-graph --split-at)", config.graph()));
        }
        CandidateGenerator trainGenerator = new CandidateGenerator(earlier, CandidateGenerator.defaultBudgets());
        RankerTrainer.Outcome trained = new RankerTrainer(trainGenerator, config.model(), config.maxUsers(),
                config.calibrationShare(), progress).train(window.test());
        MarketContext now = new MarketContext(graph, nodes, embeddings, postAnn, pairs.train());
        CandidateGenerator generator = new CandidateGenerator(now, CandidateGenerator.defaultBudgets());
        Recommender recommender = new Recommender(now, generator, trained.model(), trained.calibration().calibrator());
        RankerEvaluation.Result evaluation = new RankerEvaluation(recommender, k, config.model().seed(), progress)
                .evaluate(pairs.train(), pairs.test(), maxEvalUsers);
        Path dir = versionDir.resolve(DIR);
        trained.model().save(dir.resolve(MODEL));
        trained.calibration().calibrator().write(dir.resolve(CALIBRATION));
        ObjectNode json = evaluation.json();
        ObjectNode training = json.putObject("training");
        training.put("ranker_graph", config.graph().toString());
        training.put("model", config.model().kind().name().toLowerCase(Locale.ROOT));
        training.put("hidden_units", config.model().hiddenUnits());
        training.put("epochs", config.model().epochs());
        training.put("window_positives", window.test().length);
        training.put("train_users", trained.trainUsers());
        training.put("train_rows", trained.trainRows());
        training.put("train_positives", trained.trainPositives());
        training.put("calibration_users", trained.calibrationUsers());
        training.put("calibration_rows", trained.calibrationRows());
        training.put("calibration_positives", trained.calibrationPositives());
        training.put("positives_reached_by_candidates", (double) trained.reachablePositives() / Math.max(1, trained.labelPositives()));
        training.put("calibration_positive_rate", (double) trained.calibrationPositives() / Math.max(1, trained.calibrationRows()));
        ObjectNode calibration = training.putObject("calibration_choice");
        calibration.put("method", trained.calibration().calibrator().kind());
        calibration.put("folds", trained.calibration().folds());
        calibration.put("cv_log_loss_isotonic", trained.calibration().isotonicLogLoss());
        calibration.put("cv_log_loss_platt", trained.calibration().plattLogLoss());
        ArrayNode features = training.putArray("features");
        RankerFeatures.NAMES.forEach(features::add);
        return new Outcome(json, evaluation, recommender);
    }

    /** The budgets a saved ranker was evaluated with (the API uses the same). */
    public static CandidateGenerator generator(MarketContext ctx) {
        return new CandidateGenerator(ctx, CandidateGenerator.defaultBudgets());
    }

    /**
     * Loads a version's ranker over its serving graph ({@code graph/}, whose {@code interactions.tsv}
     * says what each user already engaged with), or null when the version has none.
     */
    public static Recommender load(Path versionDir, CsrGraph graph, NodeTable nodes, EmbeddingStore embeddings,
                                   IvfIndex postAnn) {
        Path dir = versionDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Path interactions = versionDir.resolve("graph").resolve(GraphDirectory.INTERACTIONS_TSV);
        if (!Files.exists(interactions)) {
            throw new InvalidInputException(dir + " needs " + interactions + " (what each user already engaged with)");
        }
        long[] positives = TaskPairs.positives(LinkTask.USER_POST, nodes, InteractionTable.read(interactions, nodes.size()));
        MarketContext ctx = new MarketContext(graph, nodes, embeddings, postAnn, positives);
        Calibrator calibrator = Calibrator.read(dir.resolve(CALIBRATION));
        LinkModel model = LinkModel.load(dir.resolve(MODEL));
        try {
            return new Recommender(ctx, new CandidateGenerator(ctx, CandidateGenerator.defaultBudgets()), model, calibrator);
        } catch (RuntimeException e) {
            model.close();
            throw new InvalidInputException(dir + ": " + e.getMessage());
        }
    }

    private static void requireSame(NodeTable expected, NodeTable actual, String what) {
        if (expected.size() != actual.size()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s has %d nodes but --graph has %d: build both graphs from the same entities", what, actual.size(), expected.size()));
        }
        for (int n = 0; n < expected.size(); n++) {
            if (!Objects.equals(expected.id(n), actual.id(n)) || expected.kind(n) != actual.kind(n)) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: node %d is %s:%s but in --graph %s:%s: build both graphs from the same entities",
                        what, n, actual.kind(n), actual.id(n), expected.kind(n), expected.id(n)));
            }
        }
    }
}
