package dev.chat.chat.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Message;
import dev.chat.chat.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The message table is its own outbox. A message is committed, then handed to the producer without waiting (the room's
 * next command need not wait for the broker); each room's {@code published_seq} follows the broker's acks a second or so
 * behind ({@link #flush}). After a crash, or when the broker refused an event, messages above it older than the grace
 * are published again ({@link #relay}); gateways keep the first copy of each seq. A resend of a stored clientMsgId
 * republishes when its message may not have gone out ({@link #mayNotHaveGoneOut}).
 *
 * <p>The watermark is this process's highest ack. After a rebalance a new owner's acks may pass a message the old one
 * stored and never published; gateways fill that gap from history when the new message arrives, so only a room's
 * last message before it goes quiet depends on the relay, and that one is above the watermark.
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
    /** Per room, the seqs whose publish was refused: published_seq must not pass the lowest until the relay sent it. */
    private final Map<UUID, NavigableSet<Long>> refused = new ConcurrentHashMap<>();
    private final Counter relayed;

    public MessageRelay(OutboxRepository outbox, ChatEventPublisher publisher, ChatConfig config, MeterRegistry metrics) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config.outbox();
        this.relayed = metrics.counter("chat.outbox.relayed", "kind", "message");
    }

    /** Publishes a stored message's event, not awaited; its ack moves the room's watermark. */
    public Uni<Void> publish(Message message) {
        return publish(message, Context.root());
    }

    /** As {@link #publish(Message)}, in the trace of the command that stored it. */
    public Uni<Void> publish(Message message, Context trace) {
        return publisher.publish(message.roomId(), Frames.message(message), trace)
                .invoke(() -> acknowledged(message.roomId(), message.seq()))
                .onFailure().invoke(failure -> refused(message.roomId(), message.seq()));
    }

    /** True unless this process saw the broker acknowledge this message's event (so after a restart, always). */
    public boolean mayNotHaveGoneOut(UUID roomId, long seq) {
        Long acked = acknowledged.get(roomId);
        NavigableSet<Long> refusedSeqs = refused.get(roomId);
        return acked == null || acked < seq || refusedSeqs != null && refusedSeqs.contains(seq);
    }

    void acknowledged(UUID roomId, long seq) {
        acknowledged.merge(roomId, seq, Math::max);
        unflushed.merge(roomId, seq, Math::max);
    }

    private void refused(UUID roomId, long seq) {
        Log.errorf("the event of message %d of room %s was not published; the relay sends it again", seq, roomId);
        refused.computeIfAbsent(roomId, r -> new ConcurrentSkipListSet<>()).add(seq);
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
                NavigableSet<Long> refusedSeqs = refused.get(roomId);
                Long lowestRefused = refusedSeqs == null || refusedSeqs.isEmpty() ? null : refusedSeqs.first();
                batch.put(roomId, lowestRefused == null ? seq : Math.min(seq, lowestRefused - 1));
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
                                // Sent again: this refusal no longer holds the room's watermark back.
                                NavigableSet<Long> refusedSeqs = refused.get(message.roomId());
                                if (refusedSeqs != null) {
                                    refusedSeqs.remove(message.seq());
                                }
                                acknowledged(message.roomId(), message.seq());
                            }))
                    .collect().last()
                    .invoke(() -> relayed.increment(messages.size()))
                    .replaceWith(messages.size());
        });
    }
}
