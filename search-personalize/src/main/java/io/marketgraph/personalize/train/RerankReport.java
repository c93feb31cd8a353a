package io.marketgraph.personalize.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.linkpred.report.HtmlReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTML view of a train-rerank report: one table per user segment, rankers as rows. */
final class RerankReport {

    private static final List<String> METRICS = List.of("ndcg_at_10", "mrr", "clicks_at_3", "ndcg_diff_vs_base",
            "ndcg_diff_ci_low", "ndcg_diff_ci_high");

    private RerankReport() {}

    static Path htmlPath(Path jsonReport) {
        return jsonReport.resolveSibling(jsonReport.getFileName().toString().replaceFirst("\\.json$", "") + ".html");
    }

    static void writeHtml(JsonNode report, Path file) {
        HtmlReport html = new HtmlReport("Search re-ranking, model version " + report.path("version").asText());
        JsonNode ndcg = report.get("ndcg_at_10");
        html.paragraph(String.format(java.util.Locale.ROOT,
                "NDCG@10: base %.4f, fixed blend %.4f, learned model %.4f (x%.3f); model - base 95%% bootstrap interval [%.4f, %.4f].",
                ndcg.get("base").asDouble(), ndcg.get("blend").asDouble(), ndcg.get("model").asDouble(),
                ndcg.get("lift").asDouble(), ndcg.get("ci_low").asDouble(), ndcg.get("ci_high").asDouble()));
        html.paragraph("Searches: " + report.get("searches") + ". Promoted: " + report.path("promoted").asBoolean() + ".");
        report.get("segments").fields().forEachRemaining(segment -> {
            html.heading(segment.getKey() + " (" + segment.getValue().path("searches").asInt() + " searches)");
            Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
            for (String ranker : TrainRerankJob.RANKERS) {
                JsonNode r = segment.getValue().get(ranker);
                if (r == null) {
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                r.fields().forEachRemaining(m -> row.put(m.getKey(), m.getValue().asDouble()));
                rows.put(ranker, row);
            }
            html.table(METRICS, rows);
        });
        html.write(file);
    }
}
