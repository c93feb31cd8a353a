package io.marketgraph.linkpred.train;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.io.PredictedLinksFormat;
import io.marketgraph.io.PredictedLinksFormat.PredictedLink;
import io.marketgraph.linkpred.features.PairFeaturizer;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.ranker.Recommender;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Each active user's top predicted targets per task, the way the API recommends them: ANN
 * candidates the user has not interacted with, re-scored by the task's link model. Written with
 * {@link PredictedLinksFormat} for export-neo4j ({@code PREDICTED_INTEREST}). With a ranker, user_post
 * links come from {@link Recommender}, the same path as the API's post recommendations.
 */
final class PredictedLinksWriter {

    private static final int CANDIDATES = 100;
    private static final int NPROBE = 16;
    private static final int BATCH = 256;

    private final CsrGraph graph;
    private final EmbeddingStore embeddings;
    private final NodeTable nodes;
    private final Map<NodeKind, IvfIndex> ann;
    private final int perUser;
    private final ProgressTracker progress;
    private final PairFeaturizer featurizer;

    PredictedLinksWriter(CsrGraph graph, EmbeddingStore embeddings, NodeTable nodes, Map<NodeKind, IvfIndex> ann,
                         int perUser, ProgressTracker progress) {
        this.graph = graph;
        this.embeddings = embeddings;
        this.nodes = nodes;
        this.ann = ann;
        this.perUser = perUser;
        this.progress = progress;
        this.featurizer = new PairFeaturizer(graph, embeddings, nodes);
    }

    /** With a {@code recommender}, user_post links are its top posts and calibrated scores (the served path). */
    long write(Map<LinkTask, LinkModel> models, Recommender recommender, Path file) {
        int[] users = IntStream.range(0, nodes.size())
                .filter(n -> nodes.kind(n) == NodeKind.USER && graph.degree(n) > 0).toArray();
        List<PredictedLink> links = new ArrayList<>();
        try (ProgressTracker.Stage stage = progress.stage("predicted links", (long) users.length * models.size())) {
            for (Map.Entry<LinkTask, LinkModel> e : models.entrySet()) {
                IvfIndex index = ann.get(e.getKey().targetKind());
                for (int from = 0; from < users.length; from += BATCH) {
                    int[] batch = Arrays.copyOfRange(users, from, Math.min(users.length, from + BATCH));
                    boolean ranked = recommender != null && e.getKey() == LinkTask.USER_POST;
                    List<List<PredictedLink>> perBatch = Arrays.stream(batch).parallel()
                            .mapToObj(u -> ranked ? ranked(u, recommender) : top(u, index, e.getValue())).toList();
                    perBatch.forEach(links::addAll);
                    stage.advance(batch.length);
                }
            }
        }
        return PredictedLinksFormat.write(file, links);
    }

    private List<PredictedLink> ranked(int u, Recommender recommender) {
        return recommender.recommend(u, new int[0], perUser, t -> true).stream()
                .map(s -> new PredictedLink(nodes.ref(u), nodes.ref(s.node()), s.probability())).toList();
    }

    private List<PredictedLink> top(int u, IvfIndex index, LinkModel model) {
        int[] candidates = index.search(embeddings.vectors(), embeddings.offset(u), CANDIDATES, NPROBE,
                t -> !graph.hasEdge(u, t)).nodes();
        if (candidates.length == 0) {
            return List.of();
        }
        long[] pairs = Arrays.stream(candidates).mapToLong(t -> TaskPairs.pack(u, t)).toArray();
        float[] scores = model.score(featurizer.features(pairs));
        Integer[] order = new Integer[candidates.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(candidates[a], candidates[b]));
        List<PredictedLink> out = new ArrayList<>(perUser);
        for (int i = 0; i < Math.min(perUser, order.length); i++) {
            int t = candidates[order[i]];
            out.add(new PredictedLink(nodes.ref(u), nodes.ref(t), scores[order[i]]));
        }
        return out;
    }
}
