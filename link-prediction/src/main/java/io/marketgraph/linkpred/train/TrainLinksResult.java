package io.marketgraph.linkpred.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.calibration.Reliability;
import io.marketgraph.linkpred.baselines.BaselineConfig;
import io.marketgraph.linkpred.heuristics.Heuristic;
import io.marketgraph.linkpred.ranker.RankerStage;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.task.LinkTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What train-links did: per task the serving model's metrics, both model families, every
 * heuristic and the best one; the gate's decision; the registered version.
 */
public final class TrainLinksResult {

    private final ObjectNode json;
    private final Map<LinkTask, TaskEvaluation> tasks;
    private final boolean promoted;
    private final String version;

    private final Reliability reliability;

    private TrainLinksResult(ObjectNode json, Map<LinkTask, TaskEvaluation> tasks, boolean promoted, String version,
                             Reliability reliability) {
        this.reliability = reliability;
        this.json = json;
        this.tasks = tasks;
        this.promoted = promoted;
        this.version = version;
    }

    public ObjectNode json() {
        return json;
    }

    public Map<LinkTask, TaskEvaluation> tasks() {
        return tasks;
    }

    /** The served ranker's reliability on the test users' candidates, when train-links trained one. */
    public java.util.Optional<Reliability> reliability() {
        return java.util.Optional.ofNullable(reliability);
    }

    public boolean promoted() {
        return promoted;
    }

    public String version() {
        return version;
    }

    /** A one-screen summary. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "train-links: version %s %s%n", version,
                promoted ? "PROMOTED (now CURRENT)" : "REFUSED by the promotion gate (CURRENT unchanged)"));
        for (var task : tasks.entrySet()) {
            ObjectNode t = (ObjectNode) json.get(task.getKey().metricName());
            out.append(String.format(Locale.ROOT, "  %-14s model %-8s roc_auc %.4f  recall@%s %.4f | best heuristic %-24s roc_auc %.4f  recall %.4f%n",
                    task.getKey().metricName(), t.get("model").get("name").asText(), t.get("model").get("roc_auc").asDouble(),
                    json.get("k").asText(), t.get("model").get("recall_at_" + json.get("k").asText()).asDouble(),
                    t.get("best_heuristic").get("name").asText(), t.get("best_heuristic").get("roc_auc").asDouble(),
                    t.get("best_heuristic").get("recall_at_" + json.get("k").asText()).asDouble()));
        }
        JsonNode ranker = json.path(LinkTask.USER_POST.metricName()).path("ranker");
        if (!ranker.isMissingNode()) {
            String k = json.get("k").asText();
            JsonNode best = ranker.get("reference_baselines").get(ranker.get("bootstrap_vs_best_reference").get("baseline").asText());
            out.append(String.format(Locale.ROOT, "  user_post ranker recall@%s %.4f ndcg@%s %.4f | best reference %s recall %.4f ndcg %.4f | candidates recall %.4f (%.0f per user) | ECE %.4f, top bin %+.1f %%%n",
                    k, ranker.get("model").get("recall_at_" + k).asDouble(), k, ranker.get("model").get("ndcg_at_" + k).asDouble(),
                    ranker.get("bootstrap_vs_best_reference").get("baseline").asText(), best.get("recall_at_" + k).asDouble(),
                    best.get("ndcg_at_" + k).asDouble(), ranker.get("candidates").get("recall_at_budget").get("merged").asDouble(),
                    ranker.get("candidates").get("mean_size").asDouble(), ranker.get("calibration").get("ece").asDouble(),
                    100 * ranker.get("calibration").get("top_bin_relative_gap").asDouble()));
        }
        for (var task : tasks.keySet()) {
            ObjectNode t = (ObjectNode) json.get(task.metricName());
            JsonNode b = t.get("best_baseline");
            if (b != null) {
                String k = json.get("k").asText();
                out.append(String.format(Locale.ROOT, "  %-14s best baseline %-20s recall@%s %.4f  ndcg@%s %.4f  (baselines: %s)%n",
                        task.metricName(), b.get("name").asText(), k, b.get("recall_at_" + k).asDouble(), k,
                        b.get("ndcg_at_" + k).asDouble(), recallList(t.get("baselines"), "recall_at_" + k)));
            }
        }
        json.get("gate").get("messages").forEach(m -> out.append("  gate: ").append(m.asText()).append('\n'));
        json.get("skipped").fields().forEachRemaining(e ->
                out.append("  skipped ").append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n'));
        out.append(String.format(Locale.ROOT, "  %.1f s%n", json.get("seconds").asDouble()));
        return out.toString();
    }

    private static String recallList(JsonNode baselines, String metric) {
        StringBuilder s = new StringBuilder();
        baselines.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%.4f", e.getValue().get(metric).asDouble())));
        return s.toString();
    }

    static final class Builder {
        private final TrainLinksConfig config;
        private final ObjectNode json = Json.MAPPER.createObjectNode();
        private final ObjectNode skipped = Json.MAPPER.createObjectNode();
        private final Map<LinkTask, TaskEvaluation> tasks = new LinkedHashMap<>();
        private final List<PromotionGate.BaselineComparison> comparisons = new java.util.ArrayList<>();
        private boolean promoted;
        private String version;
        private Reliability reliability;

        Builder(TrainLinksConfig config) {
            this.config = config;
            json.put("k", config.k());
            json.set("skipped", skipped);
        }

        void skipped(LinkTask task, String reason) {
            skipped.put(task.metricName(), reason);
        }

        /** The embedding store's drift against the store it was warm-started from (embed --init), when it has one. */
        void embeddingDrift(com.fasterxml.jackson.databind.JsonNode drift) {
            json.set("embedding_drift", drift);
        }

        String skippedReasons() {
            return skipped.toString();
        }

        void task(LinkTask task, TaskEvaluation evaluation) {
            tasks.put(task, evaluation);
            ObjectNode t = json.putObject(task.metricName());
            String serving = config.serving().name().toLowerCase(Locale.ROOT);
            ObjectNode model = t.putObject("model");
            model.put("name", serving);
            evaluation.scores().get(serving).forEach(model::put);
            ObjectNode models = t.putObject("models");
            ObjectNode heuristics = t.putObject("heuristics");
            ObjectNode baselines = t.putObject("baselines");
            String best = null;
            String bestBaseline = null;
            String recall = "recall_at_" + config.k();
            for (Map.Entry<String, Map<String, Double>> e : evaluation.scores().entrySet()) {
                boolean isHeuristic = isHeuristic(e.getKey());
                boolean isBaseline = isBaseline(e.getKey());
                ObjectNode node = (isHeuristic ? heuristics : isBaseline ? baselines : models).putObject(e.getKey());
                if (isBaseline && (bestBaseline == null
                        || e.getValue().get(recall) > evaluation.scores().get(bestBaseline).get(recall))) {
                    bestBaseline = e.getKey();
                }
                e.getValue().forEach(node::put);
                if (isHeuristic && (best == null
                        || e.getValue().get("roc_auc") > evaluation.scores().get(best).get("roc_auc"))) {
                    best = e.getKey();
                }
            }
            ObjectNode bestNode = t.putObject("best_heuristic");
            bestNode.put("name", best);
            evaluation.scores().get(best).forEach(bestNode::put);
            if (bestBaseline != null) {
                ObjectNode b = t.putObject("best_baseline");
                b.put("name", bestBaseline);
                evaluation.scores().get(bestBaseline).forEach(b::put);
                comparisons.add(new PromotionGate.BaselineComparison(task.metricName(), recall,
                        evaluation.scores().get(serving).get(recall), bestBaseline, evaluation.scores().get(bestBaseline).get(recall)));
            }
            ObjectNode negatives = t.putObject("negatives");
            negatives.put("strategy", config.negatives().name().toLowerCase(Locale.ROOT));
            negatives.put("ratio", config.negativeRatio());
            ObjectNode counts = t.putObject("counts");
            evaluation.counts().forEach(counts::put);
            if (!evaluation.audience().isEmpty()) {
                ObjectNode audience = t.putObject("audience_quality");
                evaluation.audience().forEach((name, v) -> {
                    if (v.isNaN()) {
                        audience.putNull(name);
                    } else {
                        audience.put(name, v);
                    }
                });
            }
        }

        void decision(String version, PromotionGate.Decision decision, boolean promote, String previous) {
            this.version = version;
            this.promoted = promote;
            json.put("version", version);
            json.put("promoted", promote);
            json.put("previous", previous);
            json.put("forced", promote && !decision.promotes());
            ObjectNode gate = json.putObject("gate");
            gate.put("verdict", decision.verdict().name());
            ArrayNode messages = gate.putArray("messages");
            decision.messages().forEach(messages::add);
            ArrayNode changes = gate.putArray("changes");
            for (PromotionGate.Change c : decision.changes()) {
                ObjectNode n = changes.addObject();
                n.put("metric", c.metric());
                n.put("current", c.current());
                n.put("candidate", c.candidate());
                n.put("delta_pp", c.deltaPoints());
                n.put("verdict", c.verdict().name());
            }
        }

        ObjectNode parametersJson() {
            ObjectNode p = Json.MAPPER.createObjectNode();
            p.put("graph", config.graph().toString());
            p.put("embeddings", config.embeddings().toString());
            ArrayNode tasks = p.putArray("tasks");
            config.tasks().forEach(t -> tasks.add(t.metricName()));
            p.put("negatives", config.negatives().name().toLowerCase(Locale.ROOT));
            p.put("negative_ratio", config.negativeRatio());
            p.put("serving_model", config.serving().name().toLowerCase(Locale.ROOT));
            p.put("hidden_units", config.model().hiddenUnits());
            p.put("epochs", config.model().epochs());
            p.put("batch_size", config.model().batchSize());
            p.put("learning_rate", config.model().learningRate());
            p.put("seed", config.model().seed());
            p.put("k", config.k());
            p.put("candidates", config.candidates());
            BaselineConfig b = config.baselines();
            ObjectNode bp = p.putObject("baselines");
            ArrayNode kinds = bp.putArray("fitted");
            b.ordered().forEach(kind -> kinds.add(kind.key()));
            bp.put("trending_half_life_days", b.trendingHalfLife());
            bp.put("trending_window_days", b.trendingWindow());
            bp.put("knn_neighbours", b.knnNeighbours());
            bp.put("ease_lambda", b.easeLambda());
            bp.put("ease_max_items", b.easeMaxItems());
            bp.put("als_rank", b.als().rank());
            bp.put("als_reg", b.als().regParam());
            bp.put("als_alpha", b.als().alpha());
            bp.put("als_iterations", b.als().iterations());
            bp.put("refuse_gap", b.refuseGap());
            if (json.has("embedding_drift")) {
                p.set("embedding_drift", json.get("embedding_drift"));
            }
            return p;
        }

        /** Per task, the serving model's recall@K next to the best baseline's (for the gate). */
        List<PromotionGate.BaselineComparison> modelVersusBestBaseline() {
            return List.copyOf(comparisons);
        }

        void graphWeighting(GraphWeighting weighting) {
            ObjectNode w = json.putObject("baseline_weighting");
            w.put("source", weighting.source());
            w.put("half_life_days", weighting.halfLifeDays());
        }

        void ranker(RankerStage.Outcome outcome) {
            ((ObjectNode) json.get(LinkTask.USER_POST.metricName())).set("ranker", outcome.json());
            reliability = outcome.evaluation().reliability();
            // the ranker serves user_post: it, not the link model, is what the baseline gate compares
            String metric = "recall_at_" + config.k();
            double served = outcome.json().get("model").get(metric).asDouble();
            comparisons.replaceAll(c -> c.task().equals(LinkTask.USER_POST.metricName()) && c.metric().equals(metric)
                    ? new PromotionGate.BaselineComparison(c.task(), c.metric(), served, c.baseline(), c.best()) : c);
        }

        void predictedLinks(long count) {
            json.put("predicted_links", count);
        }

        void collected(List<String> versions) {
            ArrayNode a = json.putArray("garbage_collected");
            versions.forEach(a::add);
        }

        void seconds(double seconds) {
            json.put("seconds", seconds);
        }

        TrainLinksResult build() {
            return new TrainLinksResult(json, Map.copyOf(tasks), promoted, version, reliability);
        }

        private static boolean isBaseline(String name) {
            for (BaselineConfig.Kind k : BaselineConfig.Kind.values()) {
                if (k.key().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isHeuristic(String name) {
            for (Heuristic h : Heuristic.values()) {
                if (h.key().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
