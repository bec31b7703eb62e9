package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the pipeline's time goes, from its services' own Micrometer timers (Prometheus text at /q/metrics): mean and
 * max ms and count of the message and canvas paths' timers (the request-reply round trip at the gateway, the whole
 * send, the database append and the event publish in chat-service, each sketch.stroke and sketch.draw in
 * sketch-service, the queue and reply hops), plus sketch-service's count of previews dropped. For images (S8): the
 * gateway's call to chat-service per op (upload, read) and its uploads by outcome, chat-service's store of a message
 * with attachments and its attachments stored and refused. Other operations' timers, and timers nothing used, are left
 * out.
 */
final class ServiceTimers {

    /** Counters reported as they are, by name and tags. */
    private static final List<String> COUNTERS = List.of("sketch_previews_dropped_total", "gateway_attachments_uploads_total",
            "chat_attachments_stored_total", "chat_attachments_refused_total");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One instance's timers, each keyed by {@code label} and the timer's name and tags. */
    void scrape(String label, String baseUrl, Map<String, Object> into) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, double[]> timers = new LinkedHashMap<>();
            for (String line : metrics.split("\n")) {
                if (COUNTERS.stream().anyMatch(line::startsWith)) {
                    into.put(label + " " + line.substring(0, line.lastIndexOf(' ')), (long) value(line));
                } else if (isPathTimer(line)) {
                    add(line, timers);
                }
            }
            timers.values().removeIf(t -> t[1] == 0);
            timers.forEach((key, t) -> into.put(label + " " + key, Map.of("meanMs", Report.round(t[0] / t[1] * 1000),
                    "maxMs", Report.round(t[2] * 1000), "count", (long) t[1])));
        } catch (Exception e) {
            into.put(label, "metrics unavailable: " + e);
        }
    }

    private static boolean isPathTimer(String line) {
        if (line.startsWith("gateway_attachments_call_seconds_")) {
            return true;
        }
        boolean otherOperation = line.contains("op=\"") && !line.contains("messages.send") && !line.contains("rooms.positions")
                && !line.contains("op=\"sketch.stroke\"") && !line.contains("op=\"sketch.draw\"");
        return (line.startsWith("chat_") || line.startsWith("sketch_")) && line.contains("_seconds_") && !otherOperation;
    }

    /** A timer's sum, count or max line into its [sum, count, max]; histogram buckets are skipped. */
    private static void add(String line, Map<String, double[]> timers) {
        String name = line.substring(0, line.lastIndexOf(' '));
        int slot = name.contains("_seconds_sum") ? 0 : name.contains("_seconds_count") ? 1 : name.contains("_seconds_max") ? 2 : -1;
        if (slot >= 0) {
            timers.computeIfAbsent(name.replaceAll("_seconds_(sum|count|max)", ""), k -> new double[3])[slot] = value(line);
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
