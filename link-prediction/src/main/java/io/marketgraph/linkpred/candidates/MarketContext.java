package io.marketgraph.linkpred.candidates;

import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.NormedVectors;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the candidate sources and the ranker's features read, precomputed once per graph: the
 * training graph (time-decayed weights), the user x post engagement positives to exclude, each
 * post's recency-weighted popularity (the weight of its user edges) and norm for item-item cosine,
 * the business that listed it, the popular lists overall and per region, the post ANN index.
 * The same object serves train-links' evaluation, predicted-links.tsv.gz and the API.
 */
public final class MarketContext {

    /** Popular posts kept per region and overall (enough to fill a budget after exclusions). */
    static final int POPULAR_DEPTH = 1000;

    private final CsrGraph graph;
    private final NodeTable nodes;
    private final EmbeddingStore embeddings;
    private final NormedVectors normed;
    private final FoldIn foldIn;
    private final IvfIndex postAnn;
    private final long[] positives;
    private final float[] popularity;
    private final float[] norm;
    private final int[] lister;
    private final int[] globalTop;
    private final Map<Integer, int[]> regionalTop;

    /**
     * @param positives sorted packed (user, post) pairs the user already engaged with in the task's
     *                  sense ({@link TaskPairs#train()}): never recommended again
     */
    public MarketContext(CsrGraph graph, NodeTable nodes, EmbeddingStore embeddings, IvfIndex postAnn, long[] positives) {
        this.graph = graph;
        this.nodes = nodes;
        this.embeddings = embeddings;
        this.normed = new NormedVectors(embeddings);
        this.foldIn = new FoldIn(embeddings);
        this.postAnn = postAnn;
        this.positives = positives;
        int n = nodes.size();
        popularity = new float[n];
        norm = new float[n];
        lister = new int[n];
        Arrays.fill(lister, -1);
        List<Integer> posts = new ArrayList<>();
        Map<Integer, List<Integer>> byRegion = new HashMap<>();
        for (int p = 0; p < n; p++) {
            if (nodes.kind(p) != NodeKind.POST) {
                continue;
            }
            double sum = 0;
            double squares = 0;
            for (int i = graph.offsets()[p]; i < graph.offsets()[p + 1]; i++) {
                int v = graph.neighbours()[i];
                if (nodes.kind(v) == NodeKind.USER) {
                    double w = weight(i);
                    sum += w;
                    squares += w * w;
                } else if (nodes.kind(v) == NodeKind.BUSINESS) {
                    lister[p] = v;
                }
            }
            popularity[p] = (float) sum;
            norm[p] = (float) Math.sqrt(squares);
            if (sum > 0) {
                posts.add(p);
                byRegion.computeIfAbsent(nodes.region(p), r -> new ArrayList<>()).add(p);
            }
        }
        globalTop = top(posts);
        regionalTop = new HashMap<>();
        byRegion.forEach((region, list) -> regionalTop.put(region, top(list)));
    }

    private int[] top(List<Integer> posts) {
        return posts.stream().sorted((a, b) -> popularity[a] != popularity[b]
                        ? Float.compare(popularity[b], popularity[a]) : Integer.compare(a, b))
                .limit(POPULAR_DEPTH).mapToInt(Integer::intValue).toArray();
    }

    float weight(int entry) {
        return graph.weights() == null ? 1f : graph.weights()[entry];
    }

    public boolean engaged(int user, int post) {
        return user >= 0 && Arrays.binarySearch(positives, TaskPairs.pack(user, post)) >= 0;
    }

    public CsrGraph graph() {
        return graph;
    }

    public NodeTable nodes() {
        return nodes;
    }

    public EmbeddingStore embeddings() {
        return embeddings;
    }

    public NormedVectors normed() {
        return normed;
    }

    public FoldIn foldIn() {
        return foldIn;
    }

    public IvfIndex postAnn() {
        return postAnn;
    }

    /** Recency-weighted popularity: the summed time-decayed weight of the post's user edges. */
    public float popularity(int post) {
        return popularity[post];
    }

    /** Euclidean norm of the post's column of the weighted user x post matrix. */
    float norm(int post) {
        return norm[post];
    }

    /** The business that listed the post, -1 for a user's listing. */
    public int lister(int post) {
        return lister[post];
    }

    int[] globalTop() {
        return globalTop;
    }

    int[] regionalTop(int region) {
        return regionalTop.getOrDefault(region, new int[0]);
    }
}
