package dev.chat.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Request-reply over Kafka without the broker: what the command carries, and which reply completes which call. */
class ServiceRequestsTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final PendingReplies pending = new PendingReplies(metrics);
    private final List<Message<String>> written = new ArrayList<>();

    private static ConsumerRecord<String, String> replyTo(Message<String> command, String value) {
        Header correlation = command.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders()
                .lastHeader(PendingReplies.CORRELATION_HEADER);
        ConsumerRecord<String, String> reply = new ConsumerRecord<>("chat.commands.replies", 0, 0, null, value);
        reply.headers().add(PendingReplies.CORRELATION_HEADER, correlation.value());
        return reply;
    }

    @Test
    void aReplyThatComesBeforeTheBrokerAcknowledgedTheCommandStillAnswersTheCall() {
        // The service answers while the command's write is still unacknowledged (under load the broker's ack reaches the
        // gateway after the reply): the call must already be waiting for it.
        ServiceRequests requests = new ServiceRequests(command -> {
            written.add(command);
            pending.arrived(replyTo(command, "{\"status\":200}"));
            return Uni.createFrom().nothing();
        }, pending, "chat.commands.replies");

        ConsumerRecord<String, String> reply = requests.request("room-1", "{}", new RecordHeaders())
                .await().atMost(Duration.ofSeconds(1));

        assertEquals("{\"status\":200}", reply.value());
        assertEquals(0, pending.waiting());
    }

    @Test
    void theCommandSaysWhereToReplyAndIsKeyed() {
        ServiceRequests requests = new ServiceRequests(command -> {
            written.add(command);
            return Uni.createFrom().voidItem();
        }, pending, "chat.commands.replies");

        requests.request("room-1", "{\"op\":\"x\"}", new RecordHeaders()).subscribe().with(r -> {
        });

        var metadata = written.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertEquals("room-1", metadata.getKey());
        assertEquals("chat.commands.replies",
                new String(metadata.getHeaders().lastHeader(PendingReplies.REPLY_TOPIC_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(1, pending.waiting());
    }

    @Test
    void eachReplyAnswersItsOwnCallAndAnotherGatewaysIsLeftAlone() {
        ServiceRequests requests = new ServiceRequests(command -> {
            written.add(command);
            return Uni.createFrom().voidItem();
        }, pending, "chat.commands.replies");
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        requests.request("a", "1", new RecordHeaders()).subscribe().with(r -> first.add(r.value()));
        requests.request("b", "2", new RecordHeaders()).subscribe().with(r -> second.add(r.value()));

        ConsumerRecord<String, String> foreign = new ConsumerRecord<>("chat.commands.replies", 0, 0, null, "other");
        foreign.headers().add(PendingReplies.CORRELATION_HEADER, "another-gateway/1".getBytes(StandardCharsets.UTF_8));
        pending.arrived(foreign);
        pending.arrived(replyTo(written.get(1), "for b"));
        pending.arrived(replyTo(written.get(0), "for a"));

        assertEquals(List.of("for a"), first);
        assertEquals(List.of("for b"), second);
        assertEquals(0, metrics.counter("chat.gateway.service.replies_late").count());
    }

    @Test
    void aCallThatGaveUpIsForgottenAndItsReplyCountsAsLate() {
        ServiceRequests requests = new ServiceRequests(command -> {
            written.add(command);
            return Uni.createFrom().voidItem();
        }, pending, "chat.commands.replies");

        assertThrows(Exception.class, () -> requests.request("a", "1", new RecordHeaders())
                .ifNoItem().after(Duration.ofMillis(50)).fail().await().indefinitely());
        assertEquals(0, pending.waiting());

        pending.arrived(replyTo(written.get(0), "too late"));
        assertEquals(1, metrics.counter("chat.gateway.service.replies_late").count());
    }

    @Test
    void aCommandThatCannotBeWrittenFailsItsCall() {
        ServiceRequests requests = new ServiceRequests(command -> Uni.createFrom().failure(new IllegalStateException("broker gone")),
                pending, "chat.commands.replies");

        var failure = assertThrows(IllegalStateException.class,
                () -> requests.request("a", "1", new RecordHeaders()).await().atMost(Duration.ofSeconds(1)));
        assertTrue(failure.getMessage().contains("broker gone"));
        assertEquals(0, pending.waiting());
    }
}
