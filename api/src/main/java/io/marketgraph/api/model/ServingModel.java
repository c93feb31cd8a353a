package io.marketgraph.api.model;

import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeListFormat;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.IdCodes;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.NormedVectors;
import io.marketgraph.linkpred.features.PairFeaturizer;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.ranker.RankerStage;
import io.marketgraph.linkpred.ranker.Recommender;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.model.NodeKind;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.model.RerankModel;
import io.marketgraph.personalize.train.TrainRerankJob;
import io.marketgraph.model.PostStatus;
import io.marketgraph.registry.ModelManifest;
import io.marketgraph.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version, fully loaded and checked: vectors, node lookup, the training graph (seen
 * items, fold-in), ANN indexes, link models. Reference-counted so that a hot swap can retire it
 * while requests that started on it finish: {@link #tryRetain()} / {@link #release()}.
 */
public final class ServingModel implements AutoCloseable {

    private final String version;
    private final ModelManifest manifest;
    private final EmbeddingStore embeddings;
    private final CsrGraph graph;
    private final Map<NodeKind, Map<String, Integer>> index;
    private final Map<NodeKind, IvfIndex> ann;
    private final Map<LinkTask, LinkModel> linkModels;
    private final PairFeaturizer featurizer;
    private final PopularItems popular;
    private final FoldIn foldIn;
    private final RerankModel reranker;
    private final RerankFeaturizer rerankFeatures;
    private final NodeTable graphNodes;
    private final NormedVectors normed;
    private final Recommender recommender;
    private final IdCodes idCodes;
    /** Per kind, region code -> its nodes in ascending order. */
    private final Map<NodeKind, Map<Integer, int[]>> byRegion;
    private final AtomicInteger references = new AtomicInteger(1);

    private ServingModel(String version, ModelManifest manifest, EmbeddingStore embeddings, NodeTable graphNodes,
                         CsrGraph graph, Map<NodeKind, IvfIndex> ann, Map<LinkTask, LinkModel> linkModels,
                         RerankModel reranker, Recommender recommender, IdCodes idCodes) {
        this.idCodes = idCodes;
        this.reranker = reranker;
        this.recommender = recommender;
        this.normed = new NormedVectors(embeddings);
        this.rerankFeatures = reranker == null ? null
                : new RerankFeaturizer(graph, embeddings, normed, reranker.facts(), reranker.regions());
        this.graphNodes = graphNodes;
        this.foldIn = new FoldIn(embeddings);
        this.version = version;
        this.manifest = manifest;
        this.embeddings = embeddings;
        this.graph = graph;
        this.ann = ann;
        this.linkModels = linkModels;
        this.featurizer = new PairFeaturizer(graph, embeddings, embeddings.nodes());
        this.index = new EnumMap<>(NodeKind.class);
        NodeTable nodes = embeddings.nodes();
        for (NodeKind kind : NodeKind.values()) {
            index.put(kind, new HashMap<>());
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.kind(n) != null) {
                index.get(nodes.kind(n)).put(nodes.id(n), n);
            }
        }
        this.popular = PopularItems.fromGraph(nodes, graph);
        this.byRegion = byRegion(graphNodes);
    }

    private static Map<NodeKind, Map<Integer, int[]>> byRegion(NodeTable nodes) {
        Map<NodeKind, Map<Integer, java.util.stream.IntStream.Builder>> building = new EnumMap<>(NodeKind.class);
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.kind(n) != null) {
                building.computeIfAbsent(nodes.kind(n), k -> new HashMap<>())
                        .computeIfAbsent(nodes.region(n), r -> java.util.stream.IntStream.builder()).add(n);
            }
        }
        Map<NodeKind, Map<Integer, int[]>> out = new EnumMap<>(NodeKind.class);
        building.forEach((kind, regions) -> {
            Map<Integer, int[]> m = new HashMap<>();
            regions.forEach((region, b) -> m.put(region, b.build().toArray()));
            out.put(kind, m);
        });
        return out;
    }

    /**
     * Loads and validates a registered version. Anything missing, truncated or inconsistent is an
     * {@link InvalidInputException} naming the file: a corrupt version never starts serving.
     */
    public static ServingModel load(ModelRegistry registry, String version) {
        ModelManifest manifest = registry.manifest(version);
        Path dir = registry.versionDir(version);
        EmbeddingStore embeddings = EmbeddingStore.read(dir.resolve("embeddings"));
        NodeTable graphNodes = NodeTable.read(dir.resolve("graph").resolve(GraphDirectory.NODES_TSV));
        IdCodes idCodes = IdCodes.read(dir.resolve("graph"));
        if (graphNodes.size() != embeddings.count()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "model %s: graph has %d nodes but embeddings %d rows", version, graphNodes.size(), embeddings.count()));
        }
        CsrGraph graph = CsrBuilder.build(EdgeListFormat.readDense(dir.resolve("graph").resolve(GraphDirectory.EDGES_TSV),
                graphNodes.ids()), false).graph();
        Map<NodeKind, IvfIndex> ann = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            Path file = TrainLinksJob.annFile(dir.resolve(TrainLinksJob.ANN), kind);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("model " + version + " has no ANN index " + file);
            }
            IvfIndex index = IvfIndex.read(file);
            if (index.size() > 0 && index.dim() != embeddings.dim()) {
                throw new InvalidInputException(String.format(Locale.ROOT, "model %s: ANN index %s has dimension %d, embeddings %d",
                        version, file, index.dim(), embeddings.dim()));
            }
            ann.put(kind, index.tagged(graphNodes::region)); // region filters skip vectors in the scan
        }
        Map<LinkTask, LinkModel> models = new EnumMap<>(LinkTask.class);
        RerankModel reranker = null;
        Recommender recommender = null;
        try {
            for (LinkTask task : LinkTask.values()) {
                Path modelDir = dir.resolve("link-model").resolve(task.metricName());
                if (Files.isDirectory(modelDir)) {
                    models.put(task, LinkModel.load(modelDir));
                }
            }
            if (models.isEmpty()) {
                throw new InvalidInputException("model " + version + " has no link model under " + dir.resolve("link-model"));
            }
            Path rerankDir = dir.resolve(TrainRerankJob.DIR);
            reranker = Files.isDirectory(rerankDir) ? RerankModel.load(rerankDir) : null;
            recommender = RankerStage.load(dir, graph, graphNodes, embeddings, ann.get(NodeKind.POST));
            return new ServingModel(version, manifest, embeddings, graphNodes, graph, ann, models, reranker, recommender, idCodes);
        } catch (RuntimeException e) {
            models.values().forEach(LinkModel::close);
            if (recommender != null) {
                recommender.close();
            }
            if (reranker != null) {
                reranker.close();
            }
            throw e;
        }
    }

    public String version() {
        return version;
    }

    /** How the graph's node table codes region and category ids ({@code id-codes.json}; integers without it). */
    public IdCodes idCodes() {
        return idCodes;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public EmbeddingStore embeddings() {
        return embeddings;
    }

    public NodeTable nodes() {
        return embeddings.nodes();
    }

    public CsrGraph graph() {
        return graph;
    }

    public PairFeaturizer featurizer() {
        return featurizer;
    }

    public FoldIn foldIn() {
        return foldIn;
    }

    /** A post's status from the graph's node table ({@code null} if the graph carries none). */
    public PostStatus status(int node) {
        return graphNodes.status(node);
    }

    public PopularItems popular() {
        return popular;
    }

    public IvfIndex ann(NodeKind kind) {
        return ann.get(kind);
    }

    /** The learned search re-ranker and its featurizer, when this version has one. */
    public Optional<RerankModel> reranker() {
        return Optional.ofNullable(reranker);
    }

    public RerankFeaturizer rerankFeatures() {
        return rerankFeatures;
    }

    /** The post recommender (candidate sources + ranker + calibration) when train-links trained one for this version. */
    public Optional<Recommender> recommender() {
        return Optional.ofNullable(recommender);
    }

    public Optional<LinkModel> linkModel(LinkTask task) {
        return Optional.ofNullable(linkModels.get(task));
    }

    /**
     * The nodes of {@code kind} in region {@code region} (a code of the node table), ascending: what a region
     * filter leaves of a kind, without a scan of every node.
     */
    public int[] nodesIn(NodeKind kind, int region) {
        return byRegion.getOrDefault(kind, Map.of()).getOrDefault(region, new int[0]);
    }

    /** The dense node of an external id, if this model knows it. */
    public Optional<Integer> node(NodeKind kind, String id) {
        return Optional.ofNullable(index.get(kind).get(id));
    }

    /** The dense node of an external id, or -1 when this model does not know it (no Optional per candidate). */
    public int nodeIndex(NodeKind kind, String id) {
        Integer node = index.get(kind).get(id);
        return node == null ? -1 : node;
    }

    /** Cosine of two nodes' vectors, the norms computed once per model ({@link NormedVectors}). */
    public double cosine(int a, int b) {
        return normed.cosine(a, b);
    }

    /** True while the model is serving or requests still hold it. */
    public boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one frees the native link models. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            linkModels.values().forEach(LinkModel::close);
            if (recommender != null) {
                recommender.close();
            }
            if (reranker != null) {
                reranker.close();
            }
        }
    }

    /** Retires the model: it closes once the last in-flight request releases it. */
    @Override
    public void close() {
        release();
    }
}
