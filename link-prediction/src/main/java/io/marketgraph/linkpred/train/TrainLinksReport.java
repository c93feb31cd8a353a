package io.marketgraph.linkpred.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.linkpred.metrics.BinaryMetrics;
import io.marketgraph.linkpred.report.HtmlReport;
import io.marketgraph.linkpred.report.LineChart;
import io.marketgraph.linkpred.task.LinkTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML view of a {@link TrainLinksResult}: per task a metric table and ROC and PR curves; with
 * a ranker, its candidate recall per source, metrics against the reference baselines and reliability diagram.
 */
final class TrainLinksReport {

    private final TrainLinksResult result;

    TrainLinksReport(TrainLinksResult result) {
        this.result = result;
    }

    void writeHtml(Path file) {
        HtmlReport html = new HtmlReport("Link prediction, model version " + result.version());
        html.paragraph(result.promoted() ? "Promoted: this version is now CURRENT." : "Refused by the promotion gate.");
        result.json().get("gate").get("messages").forEach(m -> html.paragraph("Gate: " + m.asText()));
        if (result.json().has("embedding_drift")) {
            com.fasterxml.jackson.databind.JsonNode d = result.json().get("embedding_drift");
            html.heading("Embedding drift (embed --init)");
            html.paragraph(String.format(java.util.Locale.ROOT, "Against the previous store: mean cosine %.4f, "
                    + "neighbour overlap@10 %.4f; %d shared, %d new, %d dropped nodes.", d.get("mean_cosine").asDouble(),
                    d.get("neighbour_overlap_at_10").asDouble(), d.get("shared_nodes").asLong(),
                    d.get("new_nodes").asLong(), d.get("dropped_nodes").asLong()));
        }
        for (Map.Entry<LinkTask, TaskEvaluation> e : result.tasks().entrySet()) {
            String task = e.getKey().metricName();
            TaskEvaluation eval = e.getValue();
            html.heading(task);
            html.paragraph("Pairs: " + eval.counts() + "; negatives: " + result.json().get(task).get("negatives"));
            List<String> metrics = new ArrayList<>(eval.scores().values().iterator().next().keySet());
            html.table(metrics, eval.scores());
            if (!eval.audience().isEmpty()) {
                html.paragraph("Audience quality per business (macro mean over the businesses with test positives): "
                        + "the model's audience against hand targeting (users of the business's region who engaged with its category).");
                html.table(new ArrayList<>(eval.audience().keySet()), Map.of("audience", eval.audience()));
            }
            LineChart roc = new LineChart(task + ": ROC", "false positive rate", "true positive rate").withDiagonal();
            LineChart pr = new LineChart(task + ": precision-recall", "recall", "precision");
            eval.roc().forEach(roc::add);
            eval.pr().forEach(pr::add);
            html.image("roc-" + task + ".png", task + " ROC curves", roc.png());
            html.image("pr-" + task + ".png", task + " precision-recall curves", pr.png());
        }
        JsonNode ranker = result.json().path(LinkTask.USER_POST.metricName()).path("ranker");
        if (!ranker.isMissingNode()) {
            rankerSection(html, ranker);
        }
        html.write(file);
    }

    /** Candidate recall per source, the served ranker against the reference baselines, calibration. */
    private void rankerSection(HtmlReport html, JsonNode ranker) {
        html.heading("user_post: candidate sources and the ranker (the served path)");
        Map<String, Map<String, Double>> recall = new LinkedHashMap<>();
        ranker.get("candidates").get("recall_at_budget").fields().forEachRemaining(e -> {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("recall_at_budget", e.getValue().asDouble());
            JsonNode budget = ranker.get("candidates").get("budget").get(e.getKey());
            row.put("budget", budget == null ? ranker.get("candidates").get("mean_size").asDouble() : budget.asDouble());
            recall.put(e.getKey(), row);
        });
        html.paragraph("Recall of the candidate set at each source's budget (merged: the union, the ceiling of the ranker; "
                + "its budget is the mean merged size).");
        html.table(List.of("recall_at_budget", "budget"), recall);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        rows.put("ranker (served)", doubles(ranker.get("model")));
        ranker.get("reference_baselines").fields().forEachRemaining(e -> rows.put(e.getKey(), doubles(e.getValue())));
        html.table(new ArrayList<>(rows.get("ranker (served)").keySet()), rows);
        html.paragraph("Paired bootstrap 95 % interval of ranker minus the best reference baseline: "
                + ranker.get("bootstrap_vs_best_reference"));
        JsonNode cal = ranker.get("calibration");
        JsonNode choice = ranker.path("training").path("calibration_choice");
        html.paragraph(String.format(Locale.ROOT, "Calibration (%s, fit on a held-back slice of the training period's users; "
                        + "cross-validated log loss there: isotonic %.5f, Platt %.5f): "
                        + "ECE over %d equal-mass bins %.4f on %d test candidates; top bin mean score %.4f, observed rate %.4f (%+.1f %%).",
                cal.get("method").asText(), choice.path("cv_log_loss_isotonic").asDouble(Double.NaN),
                choice.path("cv_log_loss_platt").asDouble(Double.NaN), cal.get("bins").asInt(), cal.get("ece").asDouble(), cal.get("predictions").asLong(),
                cal.get("top_bin_mean_score").asDouble(), cal.get("top_bin_observed_rate").asDouble(),
                100 * cal.get("top_bin_relative_gap").asDouble()));
        result.reliability().ifPresent(r -> {
            List<BinaryMetrics.Point> points = new ArrayList<>();
            r.bins().forEach(b -> points.add(new BinaryMetrics.Point(b.meanScore(), b.observedRate())));
            LineChart chart = new LineChart("user_post ranker: reliability (15 equal-mass bins)", "mean calibrated score",
                    "observed engagement rate").withDiagonal();
            chart.add("ranker", points);
            html.image("reliability-user_post.png", "reliability diagram", chart.png());
        });
    }

    private static Map<String, Double> doubles(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }
}
