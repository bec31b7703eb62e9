package dev.chat.bench;

import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** A plain SVG: send->receive latency per second (p50, p99) and the percentile curve, one colour per target. */
final class Chart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int W = 900;
    private static final int H = 320;

    private Chart() {
    }

    static String svg(String title, List<Report.Entry> entries) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n",
                W, 2 * H + 40));
        svg.append("<rect width='100%' height='100%' fill='white'/>");
        svg.append(String.format("<text x='10' y='18' font-size='14'>%s</text>%n", escape(title)));
        timeline(svg, entries, 30);
        percentileCurve(svg, entries, H + 40);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void timeline(StringBuilder svg, List<Report.Entry> entries, int top) {
        double maxX = 1;
        double maxY = 1;
        for (Report.Entry e : entries) {
            for (double[] point : e.result().timeline()) {
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[2]);
            }
        }
        frame(svg, top, "send->receive latency per second (ms): solid p50, dashed p99" + sketchNote(entries), "seconds", maxX, maxY,
                false);
        for (int i = 0; i < entries.size(); i++) {
            List<double[]> points = entries.get(i).result().timeline();
            svg.append(polyline(points, 1, maxX, maxY, top, COLOURS[i % COLOURS.length], false, false));
            svg.append(polyline(points, 2, maxX, maxY, top, COLOURS[i % COLOURS.length], true, false));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>%n", 70, top + 20 + 14 * i,
                    COLOURS[i % COLOURS.length], escape(entries.get(i).result().target())));
        }
    }

    private static void percentileCurve(StringBuilder svg, List<Report.Entry> entries, int top) {
        double maxY = 1;
        for (Report.Entry e : entries) {
            Histogram h = e.result().deliveryLatencyMicros();
            if (h.getTotalCount() > 0) {
                maxY = Math.max(maxY, h.getValueAtPercentile(99.99) / 1000.0);
            }
        }
        frame(svg, top, "send->receive latency by percentile (ms), x: 0, 90, 99, 99.9, 99.99" + sketchNote(entries), "percentile", 4,
                maxY, true);
        for (int i = 0; i < entries.size(); i++) {
            Histogram h = entries.get(i).result().deliveryLatencyMicros();
            if (h.getTotalCount() == 0) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (double x = 0; x <= 4.0001; x += 0.05) {
                double percentile = 100 - 100 / Math.pow(10, x);
                double y = h.getValueAtPercentile(percentile) / 1000.0;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x, 4), py(y, maxY, top)));
            }
            svg.append(String.format("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n",
                    COLOURS[i % COLOURS.length], points));
        }
    }

    /** In a sketch shape the latency charted is a live preview's, from its scheduled send to another member. */
    private static String sketchNote(List<Report.Entry> entries) {
        return entries.stream().anyMatch(e -> e.result().shape().sketch() != null) ? " (S7: sketch.draw previews)" : "";
    }

    private static void frame(StringBuilder svg, int top, String label, String xLabel, double maxX, double maxY, boolean percentileAxis) {
        svg.append(String.format(Locale.ROOT, "<text x='60' y='%d'>%s</text>%n", top + 5, escape(label)));
        svg.append(String.format(Locale.ROOT, "<line x1='60' y1='%d' x2='60' y2='%d' stroke='black'/>%n", top + 10, top + H - 30));
        svg.append(String.format(Locale.ROOT, "<line x1='60' y1='%d' x2='%d' y2='%d' stroke='black'/>%n",
                top + H - 30, W - 20, top + H - 30));
        for (int t = 0; t <= 4; t++) {
            double y = maxY * t / 4;
            svg.append(String.format(Locale.ROOT, "<text x='5' y='%.1f'>%.1f</text>%n", py(y, maxY, top) + 4, y));
            double x = maxX * t / 4;
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d'>%s</text>%n", px(x, maxX) - 10, top + H - 12,
                    percentileAxis ? new String[] {"0", "90", "99", "99.9", "99.99"}[t] : String.format(Locale.ROOT, "%.0f", x)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>%s</text>%n", W - 90, top + H - 12, xLabel));
    }

    private static String polyline(List<double[]> points, int column, double maxX, double maxY, int top, String colour,
            boolean dashed, boolean unused) {
        StringBuilder coordinates = new StringBuilder();
        for (double[] point : points) {
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(point[0], maxX), py(point[column], maxY, top)));
        }
        return String.format("<polyline fill='none' stroke='%s' stroke-width='2'%s points='%s'/>%n", colour,
                dashed ? " stroke-dasharray='6,4'" : "", coordinates);
    }

    private static double px(double x, double maxX) {
        return 60 + (W - 80) * x / maxX;
    }

    private static double py(double y, double maxY, int top) {
        return top + H - 30 - (H - 40) * Math.min(y, maxY) / maxY;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
