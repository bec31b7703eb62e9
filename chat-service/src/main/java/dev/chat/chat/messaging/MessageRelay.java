package dev.chat.chat.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Message;
import dev.chat.chat.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The message table is its own outbox. A message is committed, then handed to the producer without waiting (the room's
 * next command need not wait for the broker); each room's {@code published_seq} follows the broker's acks a second or so
 * behind ({@link #flush}). After a crash, or when the broker refused an event, messages above it older than the grace
 * are published again ({@link #relay}); gateways keep the first copy of each seq. A resend of a stored clientMsgId
 * republishes when its message may not have gone out ({@link #mayNotHaveGoneOut}).
 */
@ApplicationScoped
public class MessageRelay {

    private final OutboxRepository outbox;
    private final ChatEventPublisher publisher;
    private final ChatConfig.Outbox config;
    /** The highest seq per room whose event the broker acknowledged, as far as this process knows. */
    private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
    /** Acks not yet written to rooms.published_seq. */
    private final Map<UUID, Long> unflushed = new ConcurrentHashMap<>();
    /** Per room, the seq below a refused publish: published_seq must not pass it until the relay has sent that message. */
    private final Map<UUID, Long> ceilings = new ConcurrentHashMap<>();
    private final Counter relayed;

    public MessageRelay(OutboxRepository outbox, ChatEventPublisher publisher, ChatConfig config, MeterRegistry metrics) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config.outbox();
        this.relayed = metrics.counter("chat.outbox.relayed", "kind", "message");
    }

    /** Publishes a stored message's event, not awaited; its ack moves the room's watermark. */
    public Uni<Void> publish(Message message) {
        return publisher.publish(message.roomId(), Frames.message(message))
                .invoke(() -> acknowledged(message.roomId(), message.seq()))
                .onFailure().invoke(failure -> refused(message.roomId(), message.seq()));
    }

    /** True unless this process saw the broker acknowledge this message's event (so after a restart, always). */
    public boolean mayNotHaveGoneOut(UUID roomId, long seq) {
        Long acked = acknowledged.get(roomId);
        Long ceiling = ceilings.get(roomId);
        return acked == null || acked < seq || ceiling != null && ceiling < seq;
    }

    void acknowledged(UUID roomId, long seq) {
        acknowledged.merge(roomId, seq, Math::max);
        unflushed.merge(roomId, seq, Math::max);
    }

    private void refused(UUID roomId, long seq) {
        Log.errorf("the event of message %d of room %s was not published; the relay sends it again", seq, roomId);
        ceilings.merge(roomId, seq - 1, Math::min);
    }

    /** Writes the acks gathered since the last flush to rooms.published_seq (never past a refused message). */
    Uni<Void> flush() {
        if (unflushed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Long> batch = new HashMap<>();
        for (UUID roomId : unflushed.keySet()) {
            Long seq = unflushed.remove(roomId);
            if (seq != null) {
                Long ceiling = ceilings.get(roomId);
                batch.put(roomId, ceiling == null ? seq : Math.min(seq, ceiling));
            }
        }
        return outbox.advancePublished(batch).onFailure().invoke(failure -> {
            // Tried again at the next flush.
            batch.forEach((roomId, seq) -> unflushed.merge(roomId, seq, Math::max));
            Log.warnf("published seqs not written: %s", failure.toString());
        });
    }

    /** Publishes again, in seq order, messages older than the grace above their room's published_seq; the number sent. */
    Uni<Integer> relay() {
        return outbox.unpublishedMessages(config.grace(), config.batchSize()).chain(messages -> {
            if (messages.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(messages)
                    .onItem().transformToUniAndConcatenate(message -> publisher.publish(message.roomId(), Frames.message(message))
                            .invoke(() -> {
                                // Sent again: whatever refusal held this room's watermark back is made good up to here.
                                Long ceiling = ceilings.get(message.roomId());
                                if (ceiling != null && ceiling < message.seq()) {
                                    ceilings.remove(message.roomId());
                                }
                                acknowledged(message.roomId(), message.seq());
                            }))
                    .collect().last()
                    .invoke(() -> relayed.increment(messages.size()))
                    .replaceWith(messages.size());
        });
    }
}
