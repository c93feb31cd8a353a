package io.marketgraph.linkpred.train;

import io.marketgraph.linkpred.report.HtmlReport;
import io.marketgraph.linkpred.report.LineChart;
import io.marketgraph.linkpred.task.LinkTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HTML view of a {@link TrainLinksResult}: per task a metric table and ROC and PR curves. */
final class TrainLinksReport {

    private final TrainLinksResult result;

    TrainLinksReport(TrainLinksResult result) {
        this.result = result;
    }

    void writeHtml(Path file) {
        HtmlReport html = new HtmlReport("Link prediction, model version " + result.version());
        html.paragraph(result.promoted() ? "Promoted: this version is now CURRENT." : "Refused by the promotion gate.");
        result.json().get("gate").get("messages").forEach(m -> html.paragraph("Gate: " + m.asText()));
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
        html.write(file);
    }
}
