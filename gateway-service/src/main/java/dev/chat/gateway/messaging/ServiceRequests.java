package dev.chat.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * One service's command channel, request-reply: a command is written with where to reply and a correlation id, and the
 * call waits for the reply that carries it ({@link PendingReplies}, fed by {@link ServiceReplyConsumer}). The call is
 * registered before the command is written, so the fastest reply still finds it.
 */
public final class ServiceRequests {

    private final Function<Message<String>, Uni<Void>> writer;
    private final PendingReplies pending;
    private final byte[] replyTopic;

    /**
     * @param writer     writes a command record (an emitter's sendMessage); its Uni completes once the broker has it
     * @param replyTopic the topic the service replies on
     */
    public ServiceRequests(Function<Message<String>, Uni<Void>> writer, PendingReplies pending, String replyTopic) {
        this.writer = writer;
        this.pending = pending;
        this.replyTopic = replyTopic.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the command and waits for its reply (no timeout here: the caller sets its own). Fails if the command
     * cannot be written; a caller that cancels (its timeout, say) is forgotten, and a reply after that is dropped.
     */
    public Uni<ConsumerRecord<String, String>> request(String key, String payload, RecordHeaders headers) {
        return Uni.createFrom().<ConsumerRecord<String, String>>emitter(caller -> {
            String correlationId = pending.expect(caller);
            caller.onTermination(() -> pending.forget(correlationId));
            headers.add(new RecordHeader(PendingReplies.REPLY_TOPIC_HEADER, replyTopic));
            headers.add(new RecordHeader(PendingReplies.CORRELATION_HEADER, correlationId.getBytes(StandardCharsets.UTF_8)));
            var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build();
            writer.apply(Message.of(payload).addMetadata(metadata)).subscribe().with(written -> {
            }, failure -> {
                if (pending.forget(correlationId)) {
                    caller.fail(failure);
                }
            });
        });
    }
}
