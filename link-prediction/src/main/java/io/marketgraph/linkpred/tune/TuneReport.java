package io.marketgraph.linkpred.tune;

import io.marketgraph.io.Json;
import io.marketgraph.linkpred.tune.EmbeddingTuner.Outcome;
import io.marketgraph.linkpred.tune.EmbeddingTuner.Scored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The tuning report: every grid point in JSON, and an HTML heat map of the scores over p and q. */
public final class TuneReport {

    private TuneReport() {}

    public static Map<String, Object> json(Outcome o, String metric, Map<String, Object> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("metric", metric);
        List<Map<String, Object>> grid = new ArrayList<>();
        for (Scored s : o.grid()) {
            grid.add(row(s));
        }
        r.put("winner", row(o.winner()));
        r.put("baseline", row(o.baseline()));
        r.put("winner_beats_baseline", o.winnerBeatsBaseline());
        r.put("verdict", verdict(o));
        r.putAll(extra);
        r.put("grid", grid);
        return r;
    }

    public static String verdict(Outcome o) {
        Scored w = o.winner();
        Scored b = o.baseline();
        if (w.point().equals(b.point())) {
            return String.format(Locale.ROOT, "the baseline p=q=1 (%.4f) is the best finalist: tuning does not beat it", b.fullScore());
        }
        return String.format(Locale.ROOT, "%s: %.4f against the baseline p=q=1's %.4f (%+.4f): %s",
                w.point().label(), w.fullScore(), b.fullScore(), w.fullScore() - b.fullScore(),
                o.winnerBeatsBaseline() ? "beats it" : "does not beat it");
    }

    private static Map<String, Object> row(Scored s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p", s.point().p());
        m.put("q", s.point().q());
        m.put("walk_length", s.point().walkLength());
        m.put("window", s.point().window());
        m.put("screen_score", s.screenScore());
        m.put("screen_seconds", s.screenSeconds());
        m.put("full_score", Double.isNaN(s.fullScore()) ? null : s.fullScore());
        m.put("full_seconds", Double.isNaN(s.fullSeconds()) ? null : s.fullSeconds());
        return m;
    }

    /** One p x q table per (walk length, window); cells coloured by the screening score, finalists' full score in bold. */
    public static String html(Outcome o, String title, String metric) {
        double lo = o.grid().stream().mapToDouble(Scored::screenScore).min().orElse(0);
        double hi = o.grid().stream().mapToDouble(Scored::screenScore).max().orElse(1);
        TreeSet<Double> ps = new TreeSet<>();
        TreeSet<Double> qs = new TreeSet<>();
        TreeSet<String> panels = new TreeSet<>();
        for (Scored s : o.grid()) {
            ps.add(s.point().p());
            qs.add(s.point().q());
            panels.add(panel(s));
        }
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif}td,th{padding:6px 10px;"
                        + "text-align:center}td{color:#000}.win{outline:3px solid #000}</style></head><body><h1>")
                .append(escape(title)).append("</h1><p>").append(escape(metric)).append(". Colour: screening score (")
                .append(String.format(Locale.ROOT, "%.4f to %.4f", lo, hi)).append("); second line, bold: the score "
                        + "on the full corpus (finalists only); outlined: the winner.</p><p>")
                .append(escape(verdict(o))).append("</p>");
        for (String panel : panels) {
            h.append("<h2>").append(escape(panel)).append("</h2><table><tr><th>p \\ q</th>");
            qs.forEach(q -> h.append("<th>").append(q).append("</th>"));
            h.append("</tr>");
            for (double p : ps) {
                h.append("<tr><th>").append(p).append("</th>");
                for (double q : qs) {
                    Scored s = o.grid().stream().filter(x -> panel(x).equals(panel) && x.point().p() == p
                            && x.point().q() == q).findFirst().orElse(null);
                    if (s == null) {
                        h.append("<td></td>");
                        continue;
                    }
                    double t = hi > lo ? (s.screenScore() - lo) / (hi - lo) : 1;
                    h.append(String.format(Locale.ROOT, "<td%s style=\"background:hsl(%d,70%%,%d%%)\">%.4f",
                            s.point().equals(o.winner().point()) ? " class=\"win\"" : "", (int) (120 * t), 85 - (int) (30 * t),
                            s.screenScore()));
                    if (!Double.isNaN(s.fullScore())) {
                        h.append(String.format(Locale.ROOT, "<br><b>%.4f</b>", s.fullScore()));
                    }
                    h.append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String panel(Scored s) {
        return "walk length " + s.point().walkLength() + ", window " + s.point().window();
    }

    public static void write(Path json, Path html, Map<String, Object> report, String page) {
        Json.write(json, report);
        Path tmp = html.resolveSibling(html.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + html, e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
