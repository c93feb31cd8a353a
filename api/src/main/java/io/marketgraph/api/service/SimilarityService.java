package io.marketgraph.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketgraph.api.ingest.LivePost;
import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.foldin.FoldIn;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.retrieval.LiveIndex;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Nearest neighbours of a node among nodes of the same kind, by embedding cosine (ANN). For posts,
 * only ACTIVE ones are neighbours (the ingested status first), and posts listed since the graph was
 * built take part through the live index (and may be asked about: their fold-in vector is the query).
 */
public final class SimilarityService {

    /** {@code live}: true for a post listed since the graph was built, else absent. */
    public record Neighbour(String id, double score, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean live) {}

    public record Result(String kind, String id, String modelVersion, List<Neighbour> neighbours) {}

    private final ModelManager models;
    private final int nprobe;

    public SimilarityService(ModelManager models, int nprobe) {
        this.models = models;
        this.nprobe = nprobe;
    }

    public Result similar(NodeKind kind, String id, int k) {
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            LiveState live = lease.live();
            int node = model.nodeIndex(kind, id);
            float[] query;
            if (node >= 0) {
                int at = model.embeddings().offset(node);
                query = Arrays.copyOfRange(model.embeddings().vectors(), at, at + model.embeddings().dim());
            } else {
                LivePost post = kind == NodeKind.POST ? live.livePost(id).orElse(null) : null;
                if (post == null) {
                    throw ApiException.notFound(String.format(Locale.ROOT, "%s '%s' is unknown to model %s",
                            kind.name().toLowerCase(Locale.ROOT), id, model.version()));
                }
                if (post.vector() == null) {
                    throw ApiException.notFound(String.format(Locale.ROOT,
                            "post '%s' has no vector: model %s knows neither its seller nor its region or category", id, model.version()));
                }
                query = post.vector();
            }
            boolean posts = kind == NodeKind.POST;
            IvfIndex.Hits hits = model.ann(kind).search(query, 0, k, nprobe, n -> n != node && (!posts || live.isActive(n)));
            List<Neighbour> out = new ArrayList<>();
            for (int i = 0; i < hits.nodes().length; i++) {
                out.add(new Neighbour(model.nodes().id(hits.nodes()[i]), hits.scores()[i], null));
            }
            if (posts && live.livePostCount() > 0) {
                for (LiveIndex.Scored<LivePost> s : live.index().search(FoldIn.unit(query), k, p -> !p.id().equals(id) && live.isActive(p))) {
                    out.add(new Neighbour(s.id(), s.score(), Boolean.TRUE));
                }
                out.sort(Comparator.comparingDouble(Neighbour::score).reversed().thenComparing(Neighbour::id));
                if (out.size() > k) {
                    out = new ArrayList<>(out.subList(0, k));
                }
            }
            return new Result(kind.name().toLowerCase(Locale.ROOT), id, model.version(), out);
        }
    }
}
