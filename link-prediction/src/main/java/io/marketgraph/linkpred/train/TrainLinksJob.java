package io.marketgraph.linkpred.train;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.baselines.Baselines;
import io.marketgraph.linkpred.baselines.Engagements;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.ranker.RankerStage;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelManifest;
import io.marketgraph.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * train-links: trains and evaluates the link models of each task on a time-split graph, registers
 * the candidate as a new model version and promotes it through the gate.
 *
 * <p>Leakage: the graph directory holds only events before the split (its edges and
 * {@code interactions.tsv}); the test positives come from {@code holdout.tsv}; the embeddings must
 * have been learnt on that same graph (checked: same nodes in the same order).
 */
public final class TrainLinksJob {

    /** The version's ANN indexes: {@code ann/<kind>.ivf}, one per node kind, built here and never at API start-up. */
    public static final String ANN = "ann";
    /** Each user's top predicted posts and businesses, for Neo4j (graph-model PredictedLinksFormat). */
    public static final String PREDICTED_LINKS = "predicted-links.tsv.gz";

    private final TrainLinksConfig config;
    private final RankerStage.Config ranker;
    private final ProgressTracker progress;

    public TrainLinksJob(TrainLinksConfig config, ProgressTracker progress) {
        this(config, null, progress);
    }

    /** With {@code ranker} non-null, user_post is served by the candidate sources and the ranker ({@link RankerStage}). */
    public TrainLinksJob(TrainLinksConfig config, RankerStage.Config ranker, ProgressTracker progress) {
        this.config = config;
        this.ranker = ranker;
        this.progress = progress;
    }

    public TrainLinksResult run() {
        long start = System.nanoTime();
        GraphDirectory.Loaded loaded;
        CsrGraph graph;
        InteractionTable before;
        InteractionTable after;
        EmbeddingStore embeddings;
        try (ProgressTracker.Stage stage = progress.stage("load", 0)) {
            loaded = GraphDirectory.load(config.graph());
            requireFile(config.graph().resolve(GraphDirectory.HOLDOUT_TSV),
                    "build the graph with build-graph --split-at T so that evaluation has events after T");
            requireFile(config.graph().resolve(GraphDirectory.INTERACTIONS_TSV), "re-run build-graph");
            graph = CsrBuilder.build(loaded.edges(), false).graph();
            before = InteractionTable.read(config.graph().resolve(GraphDirectory.INTERACTIONS_TSV), loaded.nodes().size());
            after = InteractionTable.read(config.graph().resolve(GraphDirectory.HOLDOUT_TSV), loaded.nodes().size());
            embeddings = EmbeddingStore.read(config.embeddings());
            requireSameNodes(loaded.nodes(), embeddings.nodes());
        }
        TrainLinksResult.Builder result = new TrainLinksResult.Builder(config);
        Path embedReport = config.embeddings().resolve("report.json"); // embeddings' EmbedJob.REPORT
        if (Files.exists(embedReport)) {
            com.fasterxml.jackson.databind.JsonNode drift = Json.read(embedReport, com.fasterxml.jackson.databind.JsonNode.class).get("drift");
            if (drift != null) {
                result.embeddingDrift(drift);
            }
        }
        GraphWeighting weighting = GraphWeighting.of(config.graph());
        result.graphWeighting(weighting);
        ModelRegistry registry = new ModelRegistry(config.registry());
        String version = registry.nextVersion();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Set<String> gated = new HashSet<>();
        Map<LinkTask, LinkModel> served = new java.util.EnumMap<>(LinkTask.class);
        Map<LinkTask, TaskPairs> evaluated = new java.util.EnumMap<>(LinkTask.class);
        RankerStage.Outcome rankerOutcome = null;
        try (AtomicOutput staged = registry.stage(version)) {
            TaskTrainer trainer = new TaskTrainer(config, graph, embeddings, loaded.nodes(), progress);
            for (LinkTask task : config.tasks()) {
                TaskPairs pairs = TaskPairs.of(task, loaded.nodes(), before, after);
                if (pairs.train().length == 0 || pairs.test().length == 0) {
                    result.skipped(task, String.format(java.util.Locale.ROOT,
                            "%d training and %d test positives: both must be > 0", pairs.train().length, pairs.test().length));
                    continue;
                }
                evaluated.put(task, pairs);
                try (ProgressTracker.Stage stage = progress.stage("task " + task.metricName(), 0)) {
                    Baselines.Fitted baselines = config.baselines().kinds().isEmpty()
                            ? new Baselines.Fitted(List.of(), Map.of())
                            : Baselines.fit(Engagements.of(task.targetKind(), loaded.nodes(), before, weighting.actionWeights(), graph),
                                    config.baselines(), weighting.halfLifeDays(), progress);
                    TaskTrainer.Outcome outcome = trainer.run(pairs, baselines, before);
                    outcome.serving().save(staged.dir().resolve("link-model").resolve(task.metricName()));
                    served.put(task, outcome.serving());
                    result.task(task, outcome.evaluation());
                    outcome.evaluation().scores().get(config.serving().name().toLowerCase(java.util.Locale.ROOT))
                            .forEach((name, value) -> metrics.put(task.metricName() + "." + name, value));
                    gated.add(task.metricName() + ".roc_auc");
                    gated.add(task.metricName() + ".recall_at_" + config.k());
                }
            }
            if (gated.isEmpty()) {
                throw new InvalidInputException("no task could be evaluated: " + result.skippedReasons());
            }
            copyTree(config.embeddings(), staged.dir().resolve("embeddings"));
            Map<NodeKind, IvfIndex> ann = buildAnnIndexes(embeddings, loaded.nodes(), staged.dir().resolve(ANN));
            if (ranker != null && evaluated.containsKey(LinkTask.USER_POST)) {
                rankerOutcome = new RankerStage(ranker, progress).run(loaded.nodes(), graph, embeddings, ann.get(NodeKind.POST),
                        evaluated.get(LinkTask.USER_POST), config.k(), config.maxEvalUsers(), staged.dir());
                result.ranker(rankerOutcome);
                String prefix = LinkTask.USER_POST.metricName() + ".ranker.";
                rankerOutcome.json().get("model").fields().forEachRemaining(e -> metrics.put(prefix + e.getKey(), e.getValue().asDouble()));
                metrics.put(prefix + "ece", rankerOutcome.json().get("calibration").get("ece").asDouble());
                gated.add(prefix + "recall_at_" + config.k());
            }
            if (config.predictedLinks() > 0) {
                long links = new PredictedLinksWriter(graph, embeddings, loaded.nodes(), ann, config.predictedLinks(), progress)
                        .write(served, rankerOutcome == null ? null : rankerOutcome.recommender(),
                                staged.dir().resolve(PREDICTED_LINKS));
                result.predictedLinks(links);
            }
            copyServingGraph(staged.dir().resolve("graph"));
            Map<String, String> artifacts = new LinkedHashMap<>(Map.of("embeddings", "embeddings", "link_model", "link-model",
                    "graph", "graph", "ann", ANN, "predicted_links", PREDICTED_LINKS));
            if (rankerOutcome != null) {
                artifacts.put("ranker", RankerStage.DIR);
            }
            Map<String, Double> currentMetrics = registry.current().map(v -> registry.manifest(v).metrics()).orElse(null);
            PromotionGate.Decision decision = config.gate().decide(currentMetrics, metrics, gated)
                    .and(PromotionGate.versusBaselines(result.modelVersusBestBaseline(), config.baselines().refuseGap()));
            boolean promote = decision.promotes() || config.force();
            result.decision(version, decision, promote, registry.current().orElse(null));
            registry.register(staged, new ModelManifest(version, Instant.now().toString(),
                    config.graph().toAbsolutePath().toString(), codeVersion(), result.parametersJson(), metrics, artifacts));
            if (promote) {
                registry.activate(version);
            }
        } finally {
            served.values().forEach(LinkModel::close);
            if (rankerOutcome != null) {
                rankerOutcome.close();
            }
        }
        result.collected(registry.garbageCollect(config.keepVersions()));
        result.seconds((System.nanoTime() - start) / 1e9);
        TrainLinksResult done = result.build();
        if (config.report() != null) {
            Json.write(config.report(), done.json());
            new TrainLinksReport(done).writeHtml(htmlPath(config.report()));
        }
        Json.write(registry.versionDir(version).resolve("report.json"), done.json());
        return done;
    }

    /** The ANN index file of a node kind inside a version's {@link #ANN} directory. */
    public static Path annFile(Path annDir, NodeKind kind) {
        return annDir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + ".ivf");
    }

    private Map<NodeKind, IvfIndex> buildAnnIndexes(EmbeddingStore embeddings, NodeTable nodes, Path dir) {
        Map<NodeKind, IvfIndex> indexes = new java.util.EnumMap<>(NodeKind.class);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + dir, e);
        }
        for (NodeKind kind : NodeKind.values()) {
            int[] members = java.util.stream.IntStream.range(0, nodes.size()).filter(n -> nodes.kind(n) == kind).toArray();
            try (ProgressTracker.Stage stage = progress.stage("ann " + kind.name().toLowerCase(java.util.Locale.ROOT), members.length)) {
                IvfIndex index = IvfIndex.build(embeddings.vectors(), embeddings.dim(), members,
                        IvfIndex.defaultCells(members.length), config.model().seed());
                index.write(annFile(dir, kind));
                indexes.put(kind, index);
                stage.advance(members.length);
            }
        }
        return indexes;
    }

    static Path htmlPath(Path jsonReport) {
        String name = jsonReport.getFileName().toString().replaceFirst("\\.json$", "");
        return jsonReport.resolveSibling(name + ".html");
    }

    private void copyServingGraph(Path target) {
        for (String part : new String[] {GraphDirectory.NODES_TSV, GraphDirectory.EDGES_TSV, GraphDirectory.POPULAR_TSV,
                GraphDirectory.INTERACTIONS_TSV, io.marketgraph.io.IdCodes.FILE}) {
            Path from = config.graph().resolve(part);
            if (Files.exists(from)) {
                copyTree(from, target.resolve(part));
            }
        }
    }

    /** Copies a directory tree, hard-linking files where the filesystem allows (artifacts are immutable). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    try {
                        Files.createLink(dest, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, dest);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy " + from + " to " + to, e);
        }
    }

    private static void requireFile(Path path, String hint) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("missing " + path + ": " + hint);
        }
    }

    private static void requireSameNodes(NodeTable graph, NodeTable embeddings) {
        if (graph.size() != embeddings.size()) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "the embeddings have %d rows but the graph has %d nodes: embed this graph (bin/marketgraph embed --graph G)",
                    embeddings.size(), graph.size()));
        }
        for (int n = 0; n < graph.size(); n++) {
            if (!Objects.equals(graph.id(n), embeddings.id(n)) || graph.kind(n) != embeddings.kind(n)) {
                throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                        "embedding row %d is %s:%s but graph node %d is %s:%s: the embeddings were learnt on another graph",
                        n, embeddings.kind(n), embeddings.id(n), n, graph.kind(n), graph.id(n)));
            }
        }
    }

    private static String codeVersion() {
        String v = TrainLinksJob.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
