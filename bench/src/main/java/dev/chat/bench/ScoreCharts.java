package dev.chat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chart per shape, readable at a glance: for each of the shape's figures, the pipeline's and the peer's value as
 * bars on a log scale, the target as a line, and whether the pipeline meets it. Drawn from result files, so
 * the committed results can be charted again without a run:
 *
 * <pre>
 * bench/charts bench/results/a.json bench/results/b.json ... [--out bench/results/charts]
 * </pre>
 */
public final class ScoreCharts {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PIPELINE_COLOUR = "#1f77b4";
    private static final String PEER_COLOUR = "#ff7f0e";
    private static final int WIDTH = 900;
    private static final int ROW = 64;
    private static final int LABEL = 250;
    private static final int BARS = 520;

    private ScoreCharts() {
    }

    /** Which way is better, for the verdict against the target. */
    enum Better {
        HIGHER, LOWER
    }

    /** One figure of a shape: its value for each target (null if not measured) and the target it is held to. */
    record Figure(String label, String unit, Better better, Double target, Double pipeline, Double peer) {
        boolean met() {
            if (target == null || pipeline == null) {
                return false;
            }
            return better == Better.HIGHER ? pipeline >= target : pipeline <= target;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/results/charts");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        // One result of all the files (their runs, and their shapes reported apart), so a shape whose pipeline and peer
        // were run separately (S2, say) is charted side by side.
        ObjectNode merged = MAPPER.createObjectNode();
        ArrayNode runs = merged.putArray("runs");
        ObjectNode extra = merged.putObject("machine").putObject("extra");
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode result = MAPPER.readTree(file.toFile());
            if (result.path("runs").isArray()) {
                runs.addAll((ArrayNode) result.get("runs"));
            }
            result.path("machine").path("extra").fields().forEachRemaining(entry -> extra.set(entry.getKey(), entry.getValue()));
            for (String shape : figures(result).keySet()) {
                sources.computeIfAbsent(shape, k -> new ArrayList<>()).add(file.getFileName().toString());
            }
        }
        Files.createDirectories(out);
        for (var shape : figures(merged).entrySet()) {
            Path chart = out.resolve(shape.getKey().toLowerCase(Locale.ROOT) + ".svg");
            Files.writeString(chart, svg(shape.getKey(), String.join(", ", sources.get(shape.getKey())), shape.getValue()));
            System.out.println("chart: " + chart);
        }
    }

    /** Each shape's figures in one result file, by shape ("S1", "S2", ...). */
    static Map<String, List<Figure>> figures(JsonNode result) {
        Map<String, Map<String, JsonNode>> runs = new LinkedHashMap<>();
        for (JsonNode run : result.path("runs")) {
            String shape = run.path("shape").path("name").asText();
            if (shape.startsWith("S2-")) {
                continue;
            }
            runs.computeIfAbsent(shape.substring(0, 2), k -> new LinkedHashMap<>()).put(target(run.path("target").asText()), run);
        }
        Map<String, List<Figure>> shapes = new LinkedHashMap<>();
        for (var shape : runs.entrySet()) {
            JsonNode pipeline = shape.getValue().get("pipeline");
            JsonNode peer = shape.getValue().get("peer");
            List<Figure> figures = new ArrayList<>();
            switch (shape.getKey()) {
                case "S1" -> {
                    figures.add(figure("delivered per second (offered: 50,000)", "/s", Better.HIGHER, null, pipeline, peer,
                            "deliveriesPerSecond"));
                    figures.add(figure("send -> receive p50", "ms", Better.LOWER, 10.0, pipeline, peer, "deliveryLatencyMs", "p50"));
                    figures.add(figure("send -> receive p99", "ms", Better.LOWER, 50.0, pipeline, peer, "deliveryLatencyMs", "p99"));
                    Double peerCpu = value(peer, "cpuMsPer1000Deliveries");
                    figures.add(figure("CPU per 1,000 deliveries (target: 2x peer)", "ms", Better.LOWER,
                            peerCpu == null ? null : 2 * peerCpu, pipeline, peer, "cpuMsPer1000Deliveries"));
                    figures.add(figure("lost", "", Better.LOWER, 0.0, pipeline, peer, "correctness", "lost"));
                }
                case "S3" -> {
                    figures.add(figure("messages stored (acked) per second", "/s", Better.HIGHER, 5_000.0, pipeline, peer,
                            "acksPerSecond"));
                    figures.add(figure("send -> ack p99", "ms", Better.LOWER, 100.0, pipeline, peer, "ackLatencyMs", "p99"));
                    figures.add(figure("lost", "", Better.LOWER, 0.0, pipeline, peer, "correctness", "lost"));
                }
                case "S5" -> {
                    figures.add(figure("all 1,000 back after", "s", Better.LOWER, null, pipeline, peer, "reconnectStorm",
                            "allBackSeconds"));
                    figures.add(figure("drop -> resumed p99", "ms", Better.LOWER, null, pipeline, peer, "reconnectStorm", "dropToResumedMs",
                            "p99"));
                    figures.add(figure("lost", "", Better.LOWER, 0.0, pipeline, peer, "correctness", "lost"));
                }
                case "S7" -> figures.add(figure("preview p99", "ms", Better.LOWER, null, pipeline, peer, "deliveryLatencyMs", "p99"));
                default -> {
                }
            }
            if (!figures.isEmpty()) {
                shapes.put(shape.getKey(), figures);
            }
        }
        extras(result.path("machine").path("extra"), shapes);
        return shapes;
    }

    /** The shapes reported outside the runs: S2's knee, S4's idle memory, S6's connect storm. */
    private static void extras(JsonNode extra, Map<String, List<Figure>> shapes) {
        JsonNode kneePipeline = extra.path("S2-knee pipeline");
        JsonNode kneePeer = extra.path("S2-knee peer");
        if (!kneePipeline.isMissingNode() || !kneePeer.isMissingNode()) {
            Double peer = number(kneePeer, "kneeDeliveriesPerSecond");
            shapes.put("S2", List.of(new Figure("knee: deliveries/s with p99 < 50 ms (target: half the peer's)", "/s", Better.HIGHER,
                    peer == null ? null : peer / 2, number(kneePipeline, "kneeDeliveriesPerSecond"), peer)));
        }
        JsonNode idlePipeline = field(extra, "S4-idle", "pipeline");
        JsonNode idlePeer = field(extra, "S4-idle", "peer");
        if (idlePipeline != null || idlePeer != null) {
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("RSS per idle connection", "KiB", Better.LOWER, 25.0, number(idlePipeline, "rssKibPerConnection"),
                    number(idlePeer, "rssKibPerConnection")));
            figures.add(new Figure("live heap per idle connection", "KiB", Better.LOWER, null,
                    number(idlePipeline, "liveHeapKibPerConnection"), number(idlePeer, "liveHeapKibPerConnection")));
            shapes.put("S4", figures);
        }
        JsonNode stormPipeline = field(extra, "S6", "pipeline");
        JsonNode stormPeer = field(extra, "S6", "peer");
        if (stormPipeline != null || stormPeer != null) {
            Double connections = number(stormPipeline != null ? stormPipeline : stormPeer, "connections");
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("welcomed within 5 s", "", Better.HIGHER, connections, number(stormPipeline, "welcomedWithin5s"),
                    number(stormPeer, "welcomedWithin5s")));
            figures.add(new Figure("open -> welcome p50", "ms", Better.LOWER, null, number(stormPipeline, "openToWelcomeMs", "p50"),
                    number(stormPeer, "openToWelcomeMs", "p50")));
            figures.add(new Figure("open -> welcome max", "ms", Better.LOWER, 5_000.0, number(stormPipeline, "openToWelcomeMs", "max"),
                    number(stormPeer, "openToWelcomeMs", "max")));
            shapes.put("S6", figures);
        }
    }

    private static JsonNode field(JsonNode extra, String prefix, String target) {
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) extra::fields) {
            if (entry.getKey().startsWith(prefix) && entry.getKey().endsWith(" " + target)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String target(String name) {
        return name.startsWith("pipeline") ? "pipeline" : "peer";
    }

    private static Figure figure(String label, String unit, Better better, Double target, JsonNode pipeline, JsonNode peer,
            String... path) {
        return new Figure(label, unit, better, target, value(pipeline, path), value(peer, path));
    }

    private static Double value(JsonNode run, String... path) {
        return run == null ? null : number(run, path);
    }

    private static Double number(JsonNode node, String... path) {
        if (node == null) {
            return null;
        }
        JsonNode at = node;
        for (String step : path) {
            at = at.path(step);
        }
        return at.isNumber() ? at.asDouble() : null;
    }

    static String svg(String shape, String source, List<Figure> figures) {
        int height = 70 + ROW * figures.size() + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n",
                WIDTH, height));
        svg.append("<rect width='100%' height='100%' fill='white'/>\n");
        svg.append(String.format(Locale.ROOT, "<text x='10' y='22' font-size='16'>%s: pipeline against the peer and the target</text>%n",
                shape));
        svg.append(String.format(Locale.ROOT, "<text x='10' y='40' fill='#555'>%s; bars on a log scale</text>%n", Chart.escape(source)));
        legend(svg, 10, 58);
        int top = 70;
        for (Figure figure : figures) {
            row(svg, figure, top);
            top += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='10' fill='%s'/>"
                + "<text x='%d' y='%d'>pipeline</text>%n", x, y - 9, PIPELINE_COLOUR, x + 16, y));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='10' fill='%s'/><text x='%d' y='%d'>peer</text>%n",
                x + 90, y - 9, PEER_COLOUR, x + 106, y));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black' stroke-width='2' "
                + "stroke-dasharray='4,3'/><text x='%d' y='%d'>target</text>%n", x + 170, y - 10, x + 170, y + 2, x + 176, y));
    }

    /** A figure: its label and verdict on the left, two bars and the target line on a shared log scale. */
    private static void row(StringBuilder svg, Figure figure, int top) {
        double max = 1;
        for (Double v : new Double[] {figure.pipeline(), figure.peer(), figure.target()}) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        double scaleMax = Math.pow(10, Math.ceil(Math.log10(max * 1.05)));
        String verdict = figure.target() == null ? "" : figure.met() ? "met" : "missed";
        svg.append(String.format(Locale.ROOT, "<text x='10' y='%d'>%s</text>%n", top + 18, Chart.escape(figure.label())));
        if (!verdict.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x='10' y='%d' fill='%s'>%s (target %s%s)</text>%n", top + 36,
                    figure.met() ? "#2ca02c" : "#d62728", verdict, format(figure.target()), unit(figure.unit())));
        }
        bar(svg, figure.pipeline(), scaleMax, top + 6, PIPELINE_COLOUR, figure.unit());
        bar(svg, figure.peer(), scaleMax, top + 28, PEER_COLOUR, figure.unit());
        if (figure.target() != null) {
            double x = LABEL + position(figure.target(), scaleMax);
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='black' stroke-width='2' "
                    + "stroke-dasharray='4,3'/>%n", x, top + 2, x, top + 50));
        }
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#ddd'/>%n", 10, top + ROW - 4, WIDTH - 10,
                top + ROW - 4));
    }

    private static void bar(StringBuilder svg, Double value, double scaleMax, int y, String colour, String unit) {
        if (value == null) {
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='#999'>not measured</text>%n", LABEL, y + 14));
            return;
        }
        double width = Math.max(2, position(value, scaleMax));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='18' fill='%s'/>%n", LABEL, y, width, colour));
        svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d'>%s%s</text>%n", LABEL + width + 6, y + 14, format(value), unit(unit)));
    }

    /** Where a value falls on the bars' log scale, 0.1 of a unit at the left edge (0 sits there too). */
    private static double position(double value, double scaleMax) {
        double low = Math.log10(0.1);
        double high = Math.log10(scaleMax);
        double at = Math.log10(Math.max(0.1, value));
        return (at - low) / (high - low) * BARS;
    }

    /** A unit after a number: " ms", "/s" stays joined, none for a count. */
    private static String unit(String unit) {
        return unit.isEmpty() || unit.startsWith("/") ? unit : " " + unit;
    }

    private static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
