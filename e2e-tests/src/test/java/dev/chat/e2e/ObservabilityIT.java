package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The metrics deploy/README.md's "What to watch" alerts on exist under those names on a running system, after a little
 * traffic: the gateway's connections and its calls' latency buckets, each service's command latency buckets by
 * operation, chat-service's outbox depth, and the Kafka consumers' lag.
 */
class ObservabilityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Map<String, List<String>> EXPECTED = Map.of(
            "gateway-service", List.of("chat_gateway_websocket_connections", "chat_gateway_service_calls_seconds_bucket{"),
            "chat-service", List.of("chat_commands_seconds_bucket{", "chat_outbox_events_pending", "chat_outbox_events_oldest_seconds",
                    "chat_outbox_messages_unpublished", "chat_messages_evicted_total", "kafka_consumer_fetch_manager_records_lag_max"),
            "user-service", List.of("chat_users_commands_seconds_bucket{", "chat_users_outbox_pending{",
                    "chat_users_outbox_oldest_seconds"));

    @Test
    void theWatchedMetricsAreExportedUnderTheirDocumentedNames() throws Exception {
        RunningSystem system = RunningSystem.get();
        Api api = new Api(system.gatewayUrl());
        Api.Session owner = api.newUser("obs");
        String roomId = api.createRoom(owner, "metrics ");
        api.postMessage(owner, roomId, UUID.randomUUID().toString(), "counted");
        for (Map.Entry<String, List<String>> service : EXPECTED.entrySet()) {
            String url = system.service(service.getKey()).url() + "/q/metrics";
            // The outbox gauges are read every 15 s; the first read may still be ahead.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String metrics = scrape(url);
                for (String name : service.getValue()) {
                    assertTrue(metrics.contains(name), service.getKey() + " does not export " + name);
                }
            });
        }
    }

    /**
     * The hot path as built: the gateway writes frames straight to the Vert.x WebSocket under websockets-next
     * (TextFrameSink), not as Strings, and a WebSocket send is acknowledged from its message event, with no reply from
     * chat-service (SendAcks).
     */
    @Test
    void framesGoStraightToTheSocketsAndSendsAreAcknowledgedByTheirEvent() throws Exception {
        RunningSystem system = RunningSystem.get();
        Api api = new Api(system.gatewayUrl());
        Api.Session user = api.newUser("direct");
        String roomId = api.createRoom(user, "one-way ");
        String chatMetrics = system.service("chat-service").url() + "/q/metrics";
        double ackedByEventBefore = series(scrape(chatMetrics), "chat_commands_acked_by_event_total", "");
        try (WsClient socket = WsClient.connect(system.gatewayUrl(), user.accessToken())) {
            socket.await(WsClient.type("welcome"));
            // Multi-byte UTF-8 on purpose: the frame reaches the socket as the bytes chat-service wrote, never re-encoded.
            String text = "acked by my own event, h\u00e9llo \uD83D\uDC4B";
            socket.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "one-way-1", "text", text));
            assertEquals(1, socket.await(frame -> "ack".equals(frame.path("type").asText())).path("seq").asLong());
            assertEquals(text, socket.await(frame -> "message".equals(frame.path("type").asText())).path("text").asText());
        }
        String gateway = scrape(system.service("gateway-service").url() + "/q/metrics");
        assertTrue(series(gateway, "chat_gateway_websocket_opened_total", "writer=\"direct\"") >= 1, "no direct writer counted");
        assertEquals(0.0, series(gateway, "chat_gateway_websocket_opened_total", "writer=\"websockets-next\""),
                "connections fell back to websockets-next's sendText");
        assertEquals(ackedByEventBefore + 1, series(scrape(chatMetrics), "chat_commands_acked_by_event_total", ""),
                "the send was answered by its event, not by a reply");
    }

    private static String scrape(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a series' samples whose labels contain {@code label} (0 if there are none). */
    private static double series(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
