package io.marketgraph.api.service;

import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Nearest neighbours of a node among nodes of the same kind, by embedding cosine (ANN). */
public final class SimilarityService {

    public record Neighbour(String id, double score) {}

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
            int node = model.node(kind, id).orElseThrow(() -> ApiException.notFound(String.format(Locale.ROOT,
                    "%s '%s' is unknown to model %s", kind.name().toLowerCase(Locale.ROOT), id, model.version())));
            IvfIndex.Hits hits = model.ann(kind).search(model.embeddings().vectors(), model.embeddings().offset(node), k,
                    nprobe, n -> n != node);
            List<Neighbour> out = new ArrayList<>();
            for (int i = 0; i < hits.nodes().length; i++) {
                out.add(new Neighbour(model.nodes().id(hits.nodes()[i]), hits.scores()[i]));
            }
            return new Result(kind.name().toLowerCase(Locale.ROOT), id, model.version(), out);
        }
    }
}
