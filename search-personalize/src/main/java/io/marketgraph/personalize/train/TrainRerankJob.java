package io.marketgraph.personalize.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.EdgeListFormat;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.personalize.eval.RerankEvaluator;
import io.marketgraph.personalize.features.PostFacts;
import io.marketgraph.personalize.features.RegionCoordinates;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.logs.SearchLog;
import io.marketgraph.personalize.logs.SearchLogReader;
import io.marketgraph.personalize.model.RerankModel;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelManifest;
import io.marketgraph.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * train-rerank: learns the search re-ranker from logged searches after the graph's split time,
 * evaluates it on the latest ones against the base order and the fixed blend, and registers it as
 * a new model version on top of the serving one (the promotion gate applies).
 */
public final class TrainRerankJob {

    public static final String DIR = "rerank-model";
    /** The blend the API serves without a learned model: (1 - w) base + w affinity. */
    static final double BLEND_WEIGHT = 0.3;
    static final List<String> RANKERS = List.of("base", "blend", "model");
    /** Users with fewer graph interactions form the new_users segment of the evaluation. */
    static final int NEW_USER_INTERACTIONS = 3;

    private final TrainRerankConfig config;
    private final ProgressTracker progress;

    public TrainRerankJob(TrainRerankConfig config, ProgressTracker progress) {
        this.config = config;
        this.progress = progress;
    }

    public ObjectNode run() {
        long started = System.nanoTime();
        ModelRegistry registry = new ModelRegistry(config.registry());
        String base = registry.current().orElseThrow(() -> new InvalidInputException(
                "registry " + config.registry() + " has no CURRENT version: run train-links first"));
        Path baseDir = registry.versionDir(base);
        long splitAt = splitTime(config.graph());
        NodeTable nodes = NodeTable.read(baseDir.resolve("graph").resolve(GraphDirectory.NODES_TSV));
        CsrGraph graph = CsrBuilder.build(EdgeListFormat.readDense(baseDir.resolve("graph").resolve(GraphDirectory.EDGES_TSV),
                nodes.ids()), false).graph();
        EmbeddingStore embeddings = EmbeddingStore.read(baseDir.resolve("embeddings"));
        PostFacts facts = PostFacts.fromPostsCsv(config.postsCsv());
        RegionCoordinates regions = config.regionsCsv() == null ? RegionCoordinates.none()
                : RegionCoordinates.fromRegionsCsv(config.regionsCsv());
        RerankFeaturizer featurizer = new RerankFeaturizer(graph, embeddings, facts, regions);

        SearchLogReader reader = new SearchLogReader();
        List<SearchLog> all = reader.read(config.searchLogs());
        List<SearchLog> after = new ArrayList<>(all.stream().filter(s -> s.ts() >= splitAt).toList());
        after.sort(Comparator.comparingLong(SearchLog::ts).thenComparing(SearchLog::searchId));
        int cut = (int) Math.round(after.size() * (1 - config.testFraction()));
        List<SearchLog> train = after.subList(0, cut);
        List<SearchLog> test = after.subList(cut, after.size());

        ObjectNode report = Json.MAPPER.createObjectNode();
        ObjectNode counts = report.putObject("searches");
        counts.put("lines", reader.linesRead());
        counts.put("read", all.size());
        counts.put("before_split", all.size() - after.size());
        counts.put("train", train.size());
        counts.put("test", test.size());
        reader.rejected().forEach((reason, n) -> counts.with("rejected").put(reason, n));

        PairSet pairs = pairs(train, featurizer);
        counts.put("train_pairs", pairs.labels().length / 2);
        if (pairs.labels().length == 0) {
            throw new InvalidInputException("no training pairs: the " + train.size() + " training searches after the split "
                    + "have no (clicked, skipped) pair from a user with >= " + config.minInteractions() + " interactions");
        }
        try (RerankModel model = RerankModel.train(pairs.differences(), pairs.labels(), config.minInteractions(), facts,
                regions, config.model(), progress)) {
            RerankEvaluator evaluator = evaluate(test, featurizer, embeddings, model, graph);
            Map<String, Object> summary = evaluator.summary(RANKERS);
            report.set("segments", Json.MAPPER.valueToTree(summary));
            JsonNode all_ = report.get("segments").get("all");
            ObjectNode ndcg = report.putObject("ndcg_at_10");
            ndcg.put("base", all_.get("base").get("ndcg_at_10").asDouble());
            ndcg.put("blend", all_.get("blend").get("ndcg_at_10").asDouble());
            ndcg.put("model", all_.get("model").get("ndcg_at_10").asDouble());
            ndcg.put("lift", ndcg.get("model").asDouble() / ndcg.get("base").asDouble());
            ndcg.put("ci_low", all_.get("model").get("ndcg_diff_ci_low").asDouble());
            ndcg.put("ci_high", all_.get("model").get("ndcg_diff_ci_high").asDouble());
            register(registry, base, model, report);
        }
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        if (config.report() != null) {
            Json.write(config.report(), report);
            RerankReport.writeHtml(report, RerankReport.htmlPath(config.report()));
        }
        return report;
    }

    /** Both orientations of every (clicked, skipped) pair of each usable training search. */
    private record PairSet(float[] differences, float[] labels) {}

    private PairSet pairs(List<SearchLog> searches, RerankFeaturizer featurizer) {
        int cols = RerankFeaturizer.NAMES.size();
        List<float[]> rows = new ArrayList<>();
        try (ProgressTracker.Stage stage = progress.stage("pairs", searches.size())) {
            for (SearchLog s : searches) {
                stage.advance(1);
                int user = featurizer.user(s.userId());
                if (user < 0 || s.clicked().isEmpty() || s.clicked().size() == s.candidates().size()
                        || featurizer.interactions(user) < config.minInteractions()) {
                    continue;
                }
                float[] x = features(featurizer, user, s);
                for (int i = 0; i < s.candidates().size(); i++) {
                    if (!s.clicked().contains(s.candidates().get(i).postId())) {
                        continue;
                    }
                    for (int j = 0; j < s.candidates().size(); j++) {
                        if (s.clicked().contains(s.candidates().get(j).postId())) {
                            continue;
                        }
                        float[] d = new float[cols];
                        for (int c = 0; c < cols; c++) {
                            d[c] = x[i * cols + c] - x[j * cols + c];
                        }
                        rows.add(d);
                    }
                }
            }
        }
        float[] differences = new float[rows.size() * 2 * cols];
        float[] labels = new float[rows.size() * 2];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                differences[(2 * r) * cols + c] = rows.get(r)[c];
                differences[(2 * r + 1) * cols + c] = -rows.get(r)[c];
            }
            labels[2 * r] = 1f;
        }
        return new PairSet(differences, labels);
    }

    private RerankEvaluator evaluate(List<SearchLog> test, RerankFeaturizer featurizer, EmbeddingStore embeddings,
                                     RerankModel model, CsrGraph graph) {
        int[] degrees = test.stream().mapToInt(s -> featurizer.interactions(featurizer.user(s.userId()))).sorted().toArray();
        int heavy = degrees.length == 0 ? Integer.MAX_VALUE : Math.max(NEW_USER_INTERACTIONS, degrees[(int) (0.9 * (degrees.length - 1))]);
        RerankEvaluator evaluator = new RerankEvaluator(config.resamples(), config.model().seed());
        int cols = RerankFeaturizer.NAMES.size();
        for (SearchLog s : test) {
            if (s.clicked().isEmpty()) {
                continue;
            }
            int user = featurizer.user(s.userId());
            int interactions = featurizer.interactions(user);
            float[] x = features(featurizer, user, s);
            int n = s.candidates().size();
            List<String> shown = s.candidates().stream().map(SearchLog.Candidate::postId).toList();
            double[] blend = new double[n];
            for (int i = 0; i < n; i++) {
                // base_score_norm (column 1) and cosine (column 3) mapped to [0, 1]; unknown pairs have cosine 0 -> 0.5
                blend[i] = (1 - BLEND_WEIGHT) * x[i * cols + 1] + BLEND_WEIGHT * (x[i * cols + 3] + 1) / 2;
            }
            Map<String, List<String>> rankings = new LinkedHashMap<>();
            rankings.put("base", shown);
            rankings.put("blend", interactions == 0 ? shown : order(shown, blend));
            // users the graph does not know keep the base order (the API does the same)
            RerankModel.Ranking ranking = user < 0 ? null : model.rank(x, n, interactions);
            rankings.put("model", ranking == null ? shown : Arrays.stream(ranking.order()).mapToObj(shown::get).toList());
            String segment = user < 0 ? "unknown_users" : interactions < NEW_USER_INTERACTIONS ? "new_users"
                    : interactions >= heavy ? "heavy_users" : "returning_users";
            evaluator.add(segment, rankings, s.clicked());
        }
        return evaluator;
    }

    private static List<String> order(List<String> ids, double[] scores) {
        Integer[] idx = new Integer[ids.size()];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        return Arrays.stream(idx).map(ids::get).toList();
    }

    private static float[] features(RerankFeaturizer featurizer, int user, SearchLog s) {
        List<String> ids = s.candidates().stream().map(SearchLog.Candidate::postId).toList();
        double[] base = s.candidates().stream().mapToDouble(SearchLog.Candidate::baseScore).toArray();
        return featurizer.features(user, s.ts(), ids, base);
    }

    /** A new version = the serving version's files (hard links) + the re-ranker, metrics merged, gated on NDCG@10. */
    private void register(ModelRegistry registry, String base, RerankModel model, ObjectNode report) {
        ModelManifest current = registry.manifest(base);
        Map<String, Double> metrics = new LinkedHashMap<>(current.metrics());
        metrics.put("search.ndcg_at_10", report.get("ndcg_at_10").get("model").asDouble());
        metrics.put("search.ndcg_at_10_base", report.get("ndcg_at_10").get("base").asDouble());
        String version = registry.nextVersion();
        try (AtomicOutput staged = registry.stage(version)) {
            copyVersion(registry.versionDir(base), staged.dir());
            model.save(staged.dir().resolve(DIR));
            PromotionGate.Decision decision = config.gate().decide(current.metrics(), metrics, Set.of("search.ndcg_at_10"));
            boolean promote = decision.promotes() || config.force();
            Map<String, String> artifacts = new LinkedHashMap<>(current.artifacts());
            artifacts.put("rerank_model", DIR);
            registry.register(staged, new ModelManifest(version, Instant.now().toString(), current.graphVersion(),
                    current.codeVersion(), current.parameters(), metrics, artifacts));
            if (promote) {
                registry.activate(version);
            }
            report.put("version", version);
            report.put("base_version", base);
            report.put("promoted", promote);
            report.put("gate", decision.verdict().name());
            decision.messages().forEach(m -> report.withArray("gate_messages").add(m));
        }
        registry.garbageCollect(config.keepVersions());
    }

    private static void copyVersion(Path from, Path to) {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.equals(ModelRegistry.MANIFEST) || name.equals(AtomicOutput.SUCCESS) || name.equals(DIR)
                        || name.equals("report.json")) {
                    continue;
                }
                io.marketgraph.linkpred.train.TrainLinksJob.copyTree(entry, to.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy model version " + from, e);
        }
    }

    /** The split time build-graph --split-at recorded in the graph's report.json. */
    static long splitTime(Path graph) {
        Path report = graph.resolve(GraphDirectory.REPORT);
        JsonNode node = Files.exists(report) ? Json.read(report, JsonNode.class).get("split_at") : null;
        if (node == null || !node.canConvertToLong()) {
            throw new InvalidInputException("graph " + graph + " records no split_at in report.json: build it with "
                    + "build-graph --split-at T so that searches after T were not seen by the graph");
        }
        return node.asLong();
    }
}
