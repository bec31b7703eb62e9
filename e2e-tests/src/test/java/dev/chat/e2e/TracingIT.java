package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.ServiceProcess;

/**
 * One send is one trace: the gateway's call (from the WebSocket frame), chat-service's handling of the command and its
 * statement in PostgreSQL, and the fan-out on every gateway, all under the trace id that the message's event carries
 * across Kafka. Every service of the e2e system traces and exports to {@link TraceSink}.
 */
class TracingIT {

    @Test
    void aSendIsOneTraceFromTheGatewayThroughChatServiceAndItsDatabaseToEveryGatewaysFanOut() throws Exception {
        RunningSystem system = RunningSystem.get();
        Api api = new Api(system.gatewayUrl());
        ServiceProcess second = system.gateway(1);
        Api.Session sender = api.newUser("trsnd");
        Api.Session reader = api.newUser("trrd");
        String roomId = api.createRoom(sender, "traced ");
        api.join(reader, roomId);
        String text = "traced " + UUID.randomUUID();
        try (KafkaConsumer<String, String> events = eventsFromNow(system);
                WsClient senderWs = WsClient.connect(system.gatewayUrl(), sender.accessToken());
                WsClient readerWs = WsClient.connect(second.url(), reader.accessToken())) {
            senderWs.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", UUID.randomUUID().toString(), "text", text));
            readerWs.await(f -> "message".equals(f.path("type").asText()) && text.equals(f.path("text").asText()), Duration.ofSeconds(20));

            String traceparent = traceparentOf(events, text);
            assertNotNull(traceparent, "the message's event carries no trace");
            String traceId = traceparent.split("-")[1];
            TraceSink sink = system.traces();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<byte[]> exports = sink.exportsOf(traceId);
                assertTrue(exports.stream().anyMatch(e -> TraceSink.contains(e, "gateway-service")
                        && TraceSink.contains(e, "messages.send")), "no span of the gateway's call");
                assertTrue(exports.stream().anyMatch(e -> TraceSink.contains(e, "chat-service messages.send")),
                        "no span of chat-service's handling");
                assertTrue(exports.stream().anyMatch(e -> TraceSink.contains(e, "postgresql: store messages")),
                        "no span of the statement");
                long fanOuts = exports.stream().filter(e -> TraceSink.contains(e, "fan-out")).count();
                assertTrue(fanOuts >= 2, "fan-out spans from " + fanOuts + " gateway export(s), not from both gateways");
            });
        }
    }

    /** A reader of chat.events positioned at its end, so it sees only what follows. */
    private static KafkaConsumer<String, String> eventsFromNow(RunningSystem system) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", system.infrastructure().kafkaBootstrapServers(),
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", StringDeserializer.class.getName(),
                "enable.auto.commit", "false"));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static String traceparentOf(KafkaConsumer<String, String> events, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(500))) {
                if (record.value().contains(text)) {
                    Header header = record.headers().lastHeader("traceparent");
                    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
