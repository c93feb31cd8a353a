package io.marketgraph.api.service;

import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Link-model probabilities for explicit (user, target) pairs, in one batch per task. Each answer
 * echoes its pair as sent: {@code targetKind} is spelled as the caller spelled it ({@code post},
 * {@code POST} and {@code Post} are all accepted).
 */
public final class LinkScoringService {

    public static final int MAX_PAIRS = 1000;

    /** One pair; {@code targetKindAsSent} is the kind as the caller spelled it, echoed in the answer. */
    public record Pair(String userId, NodeKind targetKind, String targetId, String targetKindAsSent) {
        public Pair(String userId, NodeKind targetKind, String targetId) {
            this(userId, targetKind, targetId, targetKind.name());
        }
    }

    public record Scored(String userId, String targetKind, String targetId, double score) {}

    public record Result(String modelVersion, List<Scored> scores) {}

    private final ModelManager models;

    public LinkScoringService(ModelManager models) {
        this.models = models;
    }

    public Result score(List<Pair> pairs) {
        if (pairs.isEmpty() || pairs.size() > MAX_PAIRS) {
            throw ApiException.badRequest(String.format(Locale.ROOT,
                    "pairs must hold 1..%d entries, got %d", MAX_PAIRS, pairs.size()));
        }
        try (ModelManager.Lease lease = models.acquire().orElseThrow(ApiException::noModel)) {
            ServingModel model = lease.model();
            long[] packed = new long[pairs.size()];
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                if (p.targetKind() != NodeKind.POST && p.targetKind() != NodeKind.BUSINESS) {
                    throw ApiException.badRequest("pairs[" + i + "].targetKind must be POST or BUSINESS, got " + p.targetKind());
                }
                int u = model.node(NodeKind.USER, p.userId()).orElse(-1);
                int t = model.node(p.targetKind(), p.targetId()).orElse(-1);
                if (u < 0) {
                    unknown.add("pairs[" + i + "].userId=" + p.userId());
                }
                if (t < 0) {
                    unknown.add("pairs[" + i + "].targetId=" + p.targetId());
                }
                packed[i] = TaskPairs.pack(u, t);
            }
            if (!unknown.isEmpty()) {
                throw ApiException.notFound("unknown to model " + model.version() + ": "
                        + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                        + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
            }
            double[] scores = new double[pairs.size()];
            for (LinkTask task : LinkTask.values()) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < pairs.size(); i++) {
                    if (pairs.get(i).targetKind() == task.targetKind()) {
                        rows.add(i);
                    }
                }
                if (rows.isEmpty()) {
                    continue;
                }
                LinkModel linkModel = model.linkModel(task).orElseThrow(() -> new ApiException(409, "no_link_model",
                        "model " + model.version() + " has no " + task.metricName() + " link model"));
                long[] batch = rows.stream().mapToLong(i -> packed[i]).toArray();
                float[] s = linkModel.score(model.featurizer().features(batch));
                for (int j = 0; j < rows.size(); j++) {
                    scores[rows.get(j)] = s[j];
                }
            }
            List<Scored> out = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                out.add(new Scored(p.userId(), p.targetKindAsSent(), p.targetId(), scores[i]));
            }
            return new Result(model.version(), out);
        }
    }
}
