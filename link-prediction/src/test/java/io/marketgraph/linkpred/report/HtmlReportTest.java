package io.marketgraph.linkpred.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.linkpred.metrics.BinaryMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path tmp;

    @Test
    void writes_html_with_a_table_and_curves_that_are_real_images() throws IOException {
        float[] scores = {0.1f, 0.4f, 0.35f, 0.8f, 0.7f, 0.2f};
        boolean[] labels = {false, false, true, true, true, false};
        byte[] roc = new LineChart("ROC", "false positive rate", "true positive rate").withDiagonal()
                .add("model", BinaryMetrics.rocCurve(scores, labels)).png();
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        rows.put("model", Map.of("roc_auc", 0.9));
        rows.put("adamic_adar", Map.of("roc_auc", 0.8));

        new HtmlReport("Link prediction").heading("user_post").table(List.of("roc_auc"), rows)
                .image("roc-user_post.png", "ROC", roc).write(tmp.resolve("report.html"));

        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("<img src=\"roc-user_post.png\""));
        assertTrue(html.contains("<td><b>0.9000</b></td>"));
        BufferedImage image = ImageIO.read(tmp.resolve("roc-user_post.png").toFile());
        assertEquals(560, image.getWidth());
        assertTrue(colouredPixels(image) > 500, "the curve and legend are drawn");
    }

    /** Pixels that are neither white nor grey: the coloured curve and legend. */
    private static int colouredPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
