package dev.chat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The results as a console table, a JSON file and an SVG chart (latency over time, percentile curve). */
final class Report {

    static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    private Report() {
    }

    record Entry(LoadRun.Result result, Map<String, ProcessSampler.Usage> usage, Map<String, Object> hops) {
    }

    static Map<String, Object> summary(Entry entry) {
        LoadRun.Result r = entry.result();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", r.target());
        json.put("shape", r.shape());
        json.put("connections", r.connections());
        json.put("measuredSeconds", r.seconds());
        json.put("offeredDeliveriesPerSecond", r.shape().offeredDeliveriesPerSecond());
        json.put("deliveriesPerSecond", round(r.deliveriesPerSecond()));
        json.put("acksPerSecond", round(r.acksPerSecond()));
        json.put("sent", r.sent());
        json.put("errors", r.errors());
        json.put("deliveryLatencyMs", percentiles(r.deliveryLatencyMicros()));
        json.put("ackLatencyMs", percentiles(r.ackLatencyMicros()));
        json.put("correctness", r.correctness());
        if (!r.reconnectStorm().isEmpty()) {
            json.put("reconnectStorm", r.reconnectStorm());
        }
        if (!r.sketch().isEmpty()) {
            json.put("sketch", r.sketch());
        }
        if (!r.images().isEmpty()) {
            json.put("images", r.images());
        }
        Map<String, Object> processes = new LinkedHashMap<>();
        double systemCpu = 0;
        for (var usage : entry.usage().entrySet()) {
            processes.put(usage.getKey(), Map.of("cpuSeconds", round(usage.getValue().cpuSeconds()),
                    "peakRssMiB", round(usage.getValue().peakRssBytes() / 1048576.0)));
            if (!usage.getKey().equals("generator")) {
                systemCpu += usage.getValue().cpuSeconds();
            }
        }
        json.put("processes", processes);
        json.put("systemCpuSeconds", round(systemCpu));
        json.put("hops", entry.hops());
        json.put("cpuMsPer1000Deliveries", r.deliveries() == 0 ? null : round(systemCpu * 1000 / (r.deliveries() / 1000.0)));
        return json;
    }

    static Map<String, Double> percentiles(Histogram micros) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (double p : PERCENTILES) {
            values.put(p == 100 ? "max" : "p" + (p == Math.floor(p) ? Integer.toString((int) p) : Double.toString(p)),
                    micros.getTotalCount() == 0 ? null : round(micros.getValueAtPercentile(p) / 1000.0));
        }
        return values;
    }

    static void print(List<Entry> entries) {
        System.out.println();
        for (Entry entry : entries) {
            Map<String, Object> s = summary(entry);
            System.out.printf(Locale.ROOT, "== %s | %s%n", entry.result().shape().name(), entry.result().target());
            System.out.printf(Locale.ROOT, "   delivered %,.0f/s (offered %,.0f/s), acks %,.0f/s, errors %s%n",
                    entry.result().deliveriesPerSecond(), entry.result().shape().offeredDeliveriesPerSecond(),
                    entry.result().acksPerSecond(), entry.result().errors());
            if (!entry.result().sketch().isEmpty()) {
                var k = entry.result().sketch();
                System.out.printf(Locale.ROOT, "   previews delivered %,.0f/s (offered %,.0f/s), strokes delivered %,.0f/s"
                        + " (offered %,.0f/s), strokes stored %,.0f/s (offered %,.0f/s)%n", k.get("previewDeliveriesPerSecond"),
                        k.get("offeredPreviewDeliveriesPerSecond"), k.get("strokeDeliveriesPerSecond"),
                        k.get("offeredStrokeDeliveriesPerSecond"), k.get("storedOpsPerSecond"), k.get("offeredStrokesPerSecond"));
                System.out.printf(Locale.ROOT, "   preview send->other member ms %s%n   stroke send->sketch.ack ms    %s%n"
                        + "   stroke send->other member ms  %s%n   canvas on probes: %s%n", k.get("previewLatencyMs"),
                        k.get("strokeAckLatencyMs"), k.get("strokeToOthersLatencyMs"), k.get("canvas"));
                System.out.printf(Locale.ROOT, "   age of what arrived in the window, whenever sent: previews ms %s, acks ms %s%n",
                        k.get("previewAgeOnArrivalInWindowMs"), k.get("strokeAckAgeOnArrivalInWindowMs"));
            } else {
                System.out.printf(Locale.ROOT, "   send->receive ms %s%n   send->ack ms     %s%n",
                        s.get("deliveryLatencyMs"), s.get("ackLatencyMs"));
            }
            if (!entry.result().images().isEmpty()) {
                printImages(entry.result().images());
            }
            var c = entry.result().correctness();
            System.out.printf(Locale.ROOT, "   correctness: %d probes checked %,d deliveries: lost %d, duplicated %d, out of order %d%s%n",
                    c.probes(), c.checkedDeliveries(), c.lost(), c.duplicated(), c.outOfOrder(),
                    (c.lost() + c.duplicated() + c.outOfOrder() == 0 ? " (all zero, as expected)" : "  <-- NOT ZERO")
                            + (c.redelivered() > 0
                                    ? "; " + c.redelivered() + " redelivered on a new connection after a drop (deduped by seq)" : "")
                            + String.format(Locale.ROOT, "; checked after a drain of %.1f s", c.drainSeconds()));
            c.lostMessages().forEach(example -> System.out.printf(Locale.ROOT, "     lost: %s%n", example));
            if (!entry.result().reconnectStorm().isEmpty()) {
                System.out.printf(Locale.ROOT, "   reconnect storm: %s%n", entry.result().reconnectStorm());
            }
            System.out.printf(Locale.ROOT, "   CPU s / peak RSS MiB: %s; system CPU %s s = %s ms per 1,000 deliveries%n",
                    s.get("processes"), s.get("systemCpuSeconds"), s.get("cpuMsPer1000Deliveries"));
        }
        if (entries.size() == 2 && entries.get(0).result().shape().name().equals(entries.get(1).result().shape().name())) {
            LoadRun.Result ours = entries.get(0).result();
            LoadRun.Result peer = entries.get(1).result();
            System.out.printf(Locale.ROOT, "== ratio pipeline/peer: deliveries %.2f, p50 %.2f, p99 %.2f%n",
                    ours.deliveriesPerSecond() / Math.max(1, peer.deliveriesPerSecond()),
                    ratio(ours.deliveryLatencyMicros(), peer.deliveryLatencyMicros(), 50),
                    ratio(ours.deliveryLatencyMicros(), peer.deliveryLatencyMicros(), 99));
        }
    }

    /** S8's lines: the uploads, then the image messages' acks and receipts. */
    private static void printImages(Map<String, Object> i) {
        System.out.printf(Locale.ROOT, "   images: %s uploaders, %s created of %s started (%s/s in the window, offered %s/s),"
                + " %s bytes each; failures %s%n", i.get("uploaders"), i.get("uploadsCreated"), i.get("uploadsStarted"),
                i.get("uploadsPerSecond"), i.get("offeredPerSecond"), i.get("photoBytes"), i.get("uploadFailures"));
        if (i.containsKey("uploadFailureBodies")) {
            System.out.printf(Locale.ROOT, "   upload failures said: %s%n", i.get("uploadFailureBodies"));
        }
        System.out.printf(Locale.ROOT, "   upload request->201 ms %s%n   image send->ack ms     %s%n", i.get("uploadLatencyMs"),
                i.get("sendToAckMs"));
        System.out.printf(Locale.ROOT, "   image messages: %s sent, %s acked, errors %s, %s not sent (away); on every member %s of %s,"
                + " on the probes %s of %s (missing %s)%n", i.get("messagesSent"), i.get("messagesAcked"), i.get("sendErrors"),
                i.get("notSentWhileAway"), i.get("deliveries"), i.get("expectedDeliveries"), i.get("probeReceipts"),
                i.get("probeReceiptsExpected"), i.get("probeReceiptsMissing"));
        System.out.printf(Locale.ROOT, "   image send->probe ms   %s%n   upload start->probe ms %s%n", i.get("sendToProbeMs"),
                i.get("uploadStartToProbeMs"));
    }

    private static double ratio(Histogram a, Histogram b, double p) {
        return a.getTotalCount() == 0 || b.getTotalCount() == 0 ? Double.NaN
                : a.getValueAtPercentile(p) / (double) Math.max(1, b.getValueAtPercentile(p));
    }

    static void write(Path directory, String name, List<Entry> entries, Map<String, Object> machine) throws Exception {
        Files.createDirectories(directory);
        List<Map<String, Object>> runs = new ArrayList<>();
        entries.forEach(e -> runs.add(summary(e)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("runs", runs);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve(name + ".json").toFile(), json);
        Files.writeString(directory.resolve(name + ".svg"), Chart.svg(name, entries));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
