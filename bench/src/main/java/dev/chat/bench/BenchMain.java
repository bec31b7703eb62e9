package dev.chat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The benchmark: each shape against our pipeline and against the peer, side by side.
 *
 * <pre>
 * bench/run [--shapes s1,s2,s3,s4,s5,s6,s7,s8] [--targets pipeline,peer] [--warmup 15] [--measure 60] [--out bench/results/NAME]
 *           [--connections N] [--previews 20] [--strokes 1] [--preview-points 5] [--drawers N] [--users 250] [--tabs 4]
 *           [--image-rate 2] [--uploaders 10] [--instances 1] [--pin false]
 * </pre>
 *
 * <p>{@code --instances N}: the pipeline runs N gateways and N chat-service instances, connections spread over the
 * gateways in turn; with {@code --pin true} instance i of each is pinned to core i (modulo the cores), one core per
 * pod as in a cluster (docs/capacity.md checks its model against such a run).
 *
 * <p>{@code s6}: the connect storm, {@code --users} people with {@code --tabs} tabs each opening them all at once.
 *
 * <p>{@code s7} (also {@code sketch}): everyone in one channel drawing on its canvas; {@code --connections} sets the
 * users, {@code --previews} the sketch.draw previews per second per user, {@code --strokes} the finished strokes per
 * second per user, {@code --preview-points} the new points in each preview, {@code --drawers} how many of the users
 * draw (the others watch; default all).
 *
 * <p>{@code s8} (also {@code images}): S1's chat plus photos, {@code --image-rate} a second in all (default 2), uploaded
 * through the gateway and sent as messages by {@code --uploaders} of the users (default 10, one per room). Pipeline
 * only: the peer has no uploads.
 */
public final class BenchMain {

    /** The pipeline's layout, from {@code --instances} and {@code --pin}; set once, before any run. */
    private static PipelineTarget.Topology topology = PipelineTarget.Topology.SINGLE;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        List<String> shapes = List.of(options.getOrDefault("shapes", "s1").split(","));
        List<String> targets = List.of(options.getOrDefault("targets", "pipeline,peer").split(","));
        Path out = root.resolve(options.getOrDefault("out", "bench/results/latest"));
        Duration warmup = options.containsKey("warmup") ? Duration.ofSeconds(Long.parseLong(options.get("warmup"))) : null;
        Duration measure = options.containsKey("measure") ? Duration.ofSeconds(Long.parseLong(options.get("measure"))) : null;
        topology = new PipelineTarget.Topology(Integer.parseInt(options.getOrDefault("instances", "1")),
                Boolean.parseBoolean(options.getOrDefault("pin", "false")));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<Report.Entry> entries = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try {
            for (String shapeName : shapes) {
                Shape base = switch (shapeName) {
                    case "s1", "s2" -> Shape.s1();
                    case "s3" -> Shape.s3();
                    case "s5" -> Shape.s5();
                    case "s7", "sketch" -> Shape.s7();
                    case "s8", "images" -> Shape.s8();
                    case "s4" -> Shape.s4(Integer.parseInt(options.getOrDefault("idle", "5000")));
                    case "s6" -> Shape.s6(Integer.parseInt(options.getOrDefault("users", "250")));
                    case "smoke" -> Shape.smoke();
                    default -> throw new IllegalArgumentException("unknown shape " + shapeName);
                };
                if (warmup != null || measure != null) {
                    base = base.withTimes(warmup != null ? warmup : base.warmup(), measure != null ? measure : base.measure());
                }
                if (options.containsKey("connections")) {
                    base = base.withConnections(Integer.parseInt(options.get("connections")));
                }
                if (base.sketch() != null) {
                    Shape.SketchLoad load = base.sketch();
                    if (options.containsKey("previews")) {
                        load = load.withPreviews(Double.parseDouble(options.get("previews")));
                    }
                    if (options.containsKey("strokes")) {
                        load = load.withStrokes(Double.parseDouble(options.get("strokes")));
                    }
                    if (options.containsKey("preview-points")) {
                        load = load.withPointsPerPreview(Integer.parseInt(options.get("preview-points")));
                    }
                    if (options.containsKey("drawers")) {
                        load = load.withDrawers(Integer.parseInt(options.get("drawers")));
                    }
                    base = base.withSketch(load);
                }
                if (base.images() != null) {
                    Shape.ImageLoad load = base.images();
                    if (options.containsKey("image-rate")) {
                        load = load.withPerSecond(Double.parseDouble(options.get("image-rate")));
                    }
                    if (options.containsKey("uploaders")) {
                        load = load.withUploaders(Integer.parseInt(options.get("uploaders")));
                    }
                    base = base.withImages(load);
                }
                for (String targetName : targets) {
                    if (base.images() != null && !targetName.equals("pipeline")) {
                        Console.progress("%s against %s: skipped, the peer has no image uploads", base.name(), targetName);
                    } else if (shapeName.equals("s2")) {
                        extra.put("S2-knee " + targetName, knee(vertx, root, targetName, base, entries));
                    } else if (shapeName.equals("s6")) {
                        extra.put(base.name() + " " + targetName, ConnectStorm.run(vertx, root, targetName, base.connections(),
                                Integer.parseInt(options.getOrDefault("tabs", "4"))));
                    } else if (shapeName.equals("s4")) {
                        extra.put(base.name() + " " + targetName, idle(vertx, root, targetName, base));
                    } else {
                        entries.add(runOnce(vertx, root, targetName, base));
                    }
                }
            }
        } finally {
            vertx.close();
        }
        Report.print(entries);
        extra.forEach((k, v) -> System.out.println("== " + k + ": " + v));
        Map<String, Object> machine = machine(args);
        machine.put("extra", extra);
        Report.write(out.getParent(), out.getFileName().toString(), entries, machine);
        System.out.println("report: " + out + ".json, chart: " + out + ".svg");
        System.exit(0);
    }

    static Report.Entry runOnce(Vertx vertx, Path root, String targetName, Shape shape) throws Exception {
        Console.progress("%s against %s: preparing", shape.name(), targetName);
        try (Target target = start(root, targetName)) {
            var plans = target.prepare(shape);
            ProcessSampler sampler = new ProcessSampler(target.processes());
            LoadRun run = new LoadRun(vertx, target, shape);
            // CPU is counted over the measured window, the same stretch of time as the deliveries it is divided by.
            sampler.start();
            LoadRun.Result result = run.run(plans, sampler::sample, sampler);
            var usage = sampler.finish();
            double share = sampler.windowMeasured() ? 1.0
                    : shape.measure().toMillis() / (double) (shape.measure().toMillis() + shape.warmup().toMillis() + 1000);
            Map<String, ProcessSampler.Usage> scaled = new LinkedHashMap<>();
            usage.forEach((role, u) -> scaled.put(role, new ProcessSampler.Usage(u.cpuSeconds() * share, u.peakRssBytes())));
            return new Report.Entry(result, scaled, target.hops());
        }
    }

    /** S2: the same topology at rising rates; the knee is the highest rate with p99 under 50 ms and nothing lost. */
    static Map<String, Object> knee(Vertx vertx, Path root, String targetName, Shape base, List<Report.Entry> entries) throws Exception {
        // From 5k to 300k deliveries/s offered (x 100 members per room): fine enough below the pipeline's knee
        // to find it, coarse enough above to reach the peer's.
        double[] rates = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3};
        Map<String, Object> steps = new LinkedHashMap<>();
        double knee = 0;
        for (double rate : rates) {
            Shape step = new Shape("S2-step-" + rate, base.connections(), base.roomSize(), rate, base.textBytes(),
                    // 15 s of warm-up: the pipeline's JVMs are still compiling in the first seconds after a start.
                    Duration.ofSeconds(15), Duration.ofSeconds(30), base.probeShare());
            Report.Entry entry;
            try {
                entry = runOnce(vertx, root, targetName, step);
            } catch (Exception e) {
                // A step that cannot even be run (its clients never all connected, say) is past the knee; the steps
                // before it still stand, and the report is written.
                Console.progress("%s against %s failed: %s", step.name(), targetName, e);
                steps.put(Double.toString(rate), Map.of("failed", String.valueOf(e), "ok", false));
                break;
            }
            entries.add(entry);
            double p99 = entry.result().deliveryLatencyMicros().getValueAtPercentile(99) / 1000.0;
            boolean ok = p99 < 50 && entry.result().correctness().lost() == 0
                    && entry.result().deliveriesPerSecond() > 0.9 * step.offeredDeliveriesPerSecond();
            steps.put(Double.toString(rate),
                    Map.of("deliveriesPerSecond", Report.round(entry.result().deliveriesPerSecond()), "p99Ms", p99, "ok", ok));
            if (!ok) {
                break;
            }
            knee = entry.result().deliveriesPerSecond();
        }
        steps.put("kneeDeliveriesPerSecond", Report.round(knee));
        return steps;
    }

    /** S4: memory per idle connection, from the server's RSS before and after the connections open. */
    static Map<String, Object> idle(Vertx vertx, Path root, String targetName, Shape shape) throws Exception {
        try (Target target = start(root, targetName)) {
            var plans = target.prepare(shape.withConnections(Math.min(shape.connections(), 200)));
            List<Target.ClientPlan> all = new ArrayList<>();
            for (int i = 0; i < shape.connections(); i++) {
                Target.ClientPlan plan = plans.get(i % plans.size());
                all.add(new Target.ClientPlan(i, plan.userId(), plan.token(), plan.roomId(), plan.roomIds()));
            }
            String role = targetName.equals("peer") ? "peer" : "gateway-service";
            ProcessHandle server = target.processes().get(role).get(0);
            long heapBefore = ProcessSampler.liveHeapBytes(server.pid());
            long before = ProcessSampler.rssBytes(server.pid());
            LoadRun run = new LoadRun(vertx, target, shape);
            // The connections are measured while open: the run's end closes them.
            long[] open = new long[2];
            LoadRun.Result result = run.run(all, () -> {
                if (open[0] == 0) {
                    open[0] = ProcessSampler.liveHeapBytes(server.pid());
                    open[1] = ProcessSampler.rssBytes(server.pid());
                }
            });
            long heapAfter = open[0];
            long after = Math.max(open[1], 1);
            int connections = Math.max(1, result.connections());
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("connections", result.connections());
            measured.put("rssBeforeMiB", Report.round(before / 1048576.0));
            measured.put("rssAfterMiB", Report.round(after / 1048576.0));
            measured.put("rssKibPerConnection", Report.round((after - before) / 1024.0 / connections));
            if (heapBefore > 0 && heapAfter > 0) {
                measured.put("liveHeapBeforeMiB", Report.round(heapBefore / 1048576.0));
                measured.put("liveHeapAfterMiB", Report.round(heapAfter / 1048576.0));
                measured.put("liveHeapKibPerConnection", Report.round((heapAfter - heapBefore) / 1024.0 / connections));
            }
            return measured;
        }
    }

    static Target start(Path root, String name) throws Exception {
        return switch (name) {
            case "pipeline" -> PipelineTarget.start(root, topology);
            case "peer" -> PeerTarget.start();
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    static Map<String, Object> machine(String[] args) throws Exception {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("when", Instant.now().toString());
        machine.put("command", "bench/run " + String.join(" ", args));
        machine.put("pipelineInstances", Map.of("gateway-service", topology.instances(), "chat-service", topology.instances(),
                "pinnedToOneCoreEach", topology.pinned() && topology.instances() > 1));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> machine.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        }
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.exists(meminfo)) {
            machine.put("memory", Files.readAllLines(meminfo).get(0).replaceAll("\\s+", " "));
        }
        return machine;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        return options;
    }
}
