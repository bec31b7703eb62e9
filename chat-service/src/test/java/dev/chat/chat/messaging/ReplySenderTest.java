package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;

class ReplySenderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConsumerRecord<String, String> REQUEST = new ConsumerRecord<>("chat.commands", 0, 7L, "room-1", "{}");

    /** A reply channel that refuses the first {@code refusals} records, as a producer refuses one over its size limit. */
    static final class RefusingChannel implements MutinyEmitter<String> {
        final List<String> sent = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        private int refusals;

        RefusingChannel(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public <M extends Message<? extends String>> Uni<Void> sendMessage(M message) {
            if (refusals > 0) {
                refusals--;
                refused.add(message.getPayload());
                return Uni.createFrom().failure(new RecordTooLargeException("too large"));
            }
            sent.add(message.getPayload());
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendAndAwait(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cancellable sendAndForget(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void sendMessageAndAwait(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> Cancellable sendMessageAndForget(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    private static int status(String reply) throws Exception {
        return MAPPER.readTree(reply).get("status").asInt();
    }

    @Test
    void aReplyTheProducerRefusesIsAnsweredWithA500Once() throws Exception {
        RefusingChannel channel = new RefusingChannel(1);
        new ReplySender(new ChatReplies(MAPPER), channel).send(REQUEST, "messages.history", new Outcome.Found(Map.of("messages", "...")))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(200, status(channel.refused.get(0)));
        assertEquals(1, channel.sent.size());
        assertEquals(500, status(channel.sent.get(0)));
        assertEquals("internal_error", MAPPER.readTree(channel.sent.get(0)).get("body").get("code").asText());
    }

    @Test
    void ifEvenThe500IsRefusedItGivesUpRatherThanLoop() throws Exception {
        RefusingChannel channel = new RefusingChannel(5);
        ReplySender sender = new ReplySender(new ChatReplies(MAPPER), channel);
        assertThrows(RecordTooLargeException.class, () -> sender.send(REQUEST, "rooms.list", new Outcome.Found(List.of()))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(List.of(200, 500), List.of(status(channel.refused.get(0)), status(channel.refused.get(1))));
        assertEquals(List.of(), channel.sent);
    }

    @Test
    void aFailedReplyIsNotTriedTwice() {
        RefusingChannel channel = new RefusingChannel(5);
        assertThrows(RecordTooLargeException.class, () -> new ReplySender(new ChatReplies(MAPPER), channel)
                .send(REQUEST, "rooms.list", new Outcome.Failed()).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, channel.refused.size());
    }
}
