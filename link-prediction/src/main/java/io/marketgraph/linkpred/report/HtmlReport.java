package io.marketgraph.linkpred.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML evaluation report: sections with a metric table (rows = models and
 * heuristics, columns = metrics) and PNG charts written beside the HTML file.
 */
public final class HtmlReport {

    private final String title;
    private final List<String> body = new ArrayList<>();
    private final Map<String, byte[]> images = new LinkedHashMap<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A table: one row per name, one column per metric, values with 4 decimals (the best in bold). */
    public HtmlReport table(List<String> metrics, Map<String, Map<String, Double>> rows) {
        StringBuilder html = new StringBuilder("<table><tr><th></th>");
        metrics.forEach(m -> html.append("<th>").append(escape(m)).append("</th>"));
        html.append("</tr>");
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            html.append("<tr><th>").append(escape(row.getKey())).append("</th>");
            for (String metric : metrics) {
                Double value = row.getValue().get(metric);
                boolean best = value != null && rows.values().stream()
                        .map(r -> r.get(metric)).filter(v -> v != null && !v.isNaN())
                        .allMatch(v -> v <= value);
                String cell = value == null || value.isNaN() ? "&ndash;" : String.format(Locale.ROOT, "%.4f", value);
                html.append("<td>").append(best ? "<b>" + cell + "</b>" : cell).append("</td>");
            }
            html.append("</tr>");
        }
        body.add(html.append("</table>").toString());
        return this;
    }

    /** Adds a chart; it is written as {@code fileName} next to the HTML file. */
    public HtmlReport image(String fileName, String alt, byte[] png) {
        images.put(fileName, png);
        body.add("<img src=\"" + escape(fileName) + "\" alt=\"" + escape(alt) + "\">");
        return this;
    }

    /** Writes {@code file} and its images into the file's directory. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                Files.write(dir.resolve(image.getKey()), image.getValue());
            }
            String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                    + "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                    + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                    + "img{margin:0.5em;border:1px solid #eee}</style></head><body>\n<h1>" + escape(title) + "</h1>\n"
                    + String.join("\n", body) + "\n</body></html>\n";
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write report " + file, e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
