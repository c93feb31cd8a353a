package io.marketgraph.linkpred.report;

import io.marketgraph.linkpred.metrics.BinaryMetrics.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws curves on the unit square (ROC, precision-recall) as a PNG with Java2D, headless: the
 * reports need pictures, and pulling a charting library in for two kinds of plot is not worth it.
 */
public final class LineChart {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };
    private static final int WIDTH = 560;
    private static final int HEIGHT = 460;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<Point>> series = new LinkedHashMap<>();
    private boolean diagonal;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(String name, List<Point> points) {
        series.put(name, points);
        return this;
    }

    /** Draws the chance line y = x (for ROC curves). */
    public LineChart withDiagonal() {
        diagonal = true;
        return this;
    }

    public byte[] png() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawAxes(g);
            int index = 0;
            for (Map.Entry<String, List<Point>> s : series.entrySet()) {
                Color color = PALETTE[index % PALETTE.length];
                drawSeries(g, s.getValue(), color);
                drawLegend(g, s.getKey(), color, index);
                index++;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode chart '" + title + "'", e);
        }
        return out.toByteArray();
    }

    private void drawAxes(Graphics2D g) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 10; i += 2) {
            double v = i / 10.0;
            int x = px(v);
            int y = py(v);
            g.setColor(new Color(0xe8e8e8));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.1f", v);
            g.drawString(label, x - 8, TOP + plotH + 15);
            g.drawString(label, LEFT - 28, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, TOP - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(xLabel, LEFT + plotW / 2 - 40, HEIGHT - 12);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(TOP + plotH / 2 + 40), 16);
        rotated.dispose();
        if (diagonal) {
            g.setColor(Color.LIGHT_GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f));
            g.drawLine(px(0), py(0), px(1), py(1));
        }
    }

    private void drawSeries(Graphics2D g, List<Point> points, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        // Thin very long curves: one point per horizontal pixel is all the picture can show.
        int step = Math.max(1, points.size() / (4 * WIDTH));
        Point prev = null;
        for (int i = 0; i < points.size(); i += step) {
            Point p = points.get(i);
            if (prev != null) {
                g.drawLine(px(prev.x()), py(prev.y()), px(p.x()), py(p.y()));
            }
            prev = p;
        }
        if (prev != null && !points.isEmpty()) {
            Point last = points.get(points.size() - 1);
            g.drawLine(px(prev.x()), py(prev.y()), px(last.x()), py(last.y()));
        }
    }

    private void drawLegend(Graphics2D g, String name, Color color, int index) {
        int x = WIDTH - RIGHT - 190;
        int y = HEIGHT - BOTTOM - 14 - 16 * (series.size() - 1 - index);
        g.setColor(color);
        g.fillRect(x, y - 8, 14, 8);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(name, x + 20, y);
    }

    private static int px(double x) {
        return LEFT + (int) Math.round(x * (WIDTH - LEFT - RIGHT));
    }

    private static int py(double y) {
        return HEIGHT - BOTTOM - (int) Math.round(y * (HEIGHT - TOP - BOTTOM));
    }
}
