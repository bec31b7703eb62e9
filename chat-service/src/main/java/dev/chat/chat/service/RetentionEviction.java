package dev.chat.chat.service;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.repository.EvictionRepository;
import dev.chat.chat.repository.EvictionRepository.Retained;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Rooms' retention, applied in the background: every {@code EVICTION_INTERVAL}, each room with a retention loses the
 * messages older than its max age or beyond its newest max messages, oldest first, in batches of at most
 * {@code batchSize} (each its own short transaction, so sends to the room wait for one batch at most) and at most
 * {@link #BATCHES_PER_ROUND} batches a room a round. Only messages whose events went out (at or below the room's
 * published seq) are evicted: a member never misses a message because it was evicted before it was delivered. One round
 * at a time; instances may overlap, the claim on the room's evicted seq keeps it to one eviction.
 */
@ApplicationScoped
public class RetentionEviction {

    static final int BATCHES_PER_ROUND = 10;

    private final EvictionRepository eviction;
    private final EventOutbox outbox;
    private final Vertx vertx;
    private final ChatConfig.Eviction config;
    private final Counter evicted;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public RetentionEviction(EvictionRepository eviction, EventOutbox outbox, Vertx vertx, ChatConfig config, MeterRegistry metrics) {
        this.eviction = eviction;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config.eviction();
        this.evicted = metrics.counter("chat.messages.evicted");
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.interval().toMillis(), tick -> {
            if (running.compareAndSet(false, true)) {
                round().subscribe().with(count -> running.set(false), failure -> {
                    Log.warnf("eviction round failed: %s", failure.toString());
                    running.set(false);
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One round over every room with a retention; the number of messages evicted. */
    Uni<Integer> round() {
        return eviction.roomsWithRetention()
                .onItem().transformToMulti(rooms -> Multi.createFrom().iterable(rooms))
                // The target once a room a round (its age bound is a query), then batches up to it.
                .onItem().transformToUniAndConcatenate(room -> target(room)
                        .chain(target -> evict(room, target, room.evictedThrough(), BATCHES_PER_ROUND))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("eviction of room %s failed: %s", room.roomId(), failure.toString());
                            return 0;
                        }))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> evict(Retained room, long target, long from, int batchesLeft) {
        long upto = Math.min(target, from + config.batchSize());
        if (upto <= from || batchesLeft == 0) {
            return Uni.createFrom().item(0);
        }
        // With its event, through the outbox: members' clients drop what they hold below it.
        return outbox.changeWithEvent(transaction -> eviction.evict(transaction, room.roomId(), from, upto),
                count -> count > 0 ? new EventOutbox.RoomEvent(room.roomId(), Frames.evicted(room.roomId(), upto + 1)) : null)
                .chain(count -> {
                    evicted.increment(count);
                    // Another instance claimed it first (count 0 with a claim lost) or the backlog is done: stop here.
                    return count == 0 || upto == target ? Uni.createFrom().item(count)
                            : evict(room, target, upto, batchesLeft - 1).map(more -> count + more);
                });
    }

    /** The highest seq the room's retention lets go: the stricter of its bounds, never above what went out. */
    private Uni<Long> target(Retained room) {
        long byCount = room.maxMessages() == null ? 0 : room.lastSeq() - room.maxMessages();
        Uni<Long> byAge = room.maxAgeDays() == null ? Uni.createFrom().item(0L)
                : eviction.newestOlderThan(room.roomId(), room.maxAgeDays());
        return byAge.map(age -> Math.min(Math.max(byCount, age), room.publishedSeq()));
    }
}
