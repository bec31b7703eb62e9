package dev.chat.chat.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.repository.OutboxRepository;
import dev.chat.contracts.ChatEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Events that follow a commit (membership changes, room deletion, join requests) survive a crash between the commit and
 * the publish: they are written to the {@code outbox} table in the change's own transaction, published after the
 * commit, then deleted. What a dead process (or a refusing broker) left there is published by {@link #relayLeftovers}
 * once it is older than the grace. At least once: a crash after the publish and before the delete publishes it twice,
 * which consumers take as the same fact again (a member who joined, joined).
 */
@ApplicationScoped
public class EventOutbox {

    /** An event about a room, announced by a change. */
    public record RoomEvent(UUID roomId, ChatEvent event) {
    }

    private record Committed<T>(T result, List<OutboxRepository.Pending> events, List<Long> ids) {
    }

    private final Pool pool;
    private final OutboxRepository outbox;
    private final ChatEventPublisher publisher;
    private final ChatConfig.Outbox config;
    private final Counter relayed;

    public EventOutbox(Pool pool, OutboxRepository outbox, ChatEventPublisher publisher, ChatConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config.outbox();
        this.relayed = metrics.counter("chat.outbox.relayed", "kind", "event");
    }

    /**
     * Runs {@code change} in a transaction together with the events {@code eventsOf} makes of its result; once it is
     * committed, publishes them and completes (a publish that fails is left to the relay, not to the caller).
     */
    public <T> Uni<T> change(Function<SqlConnection, Uni<T>> change, Function<T, List<RoomEvent>> eventsOf) {
        return pool.withTransaction(transaction -> change.apply(transaction).chain(result -> {
            List<OutboxRepository.Pending> events = new ArrayList<>();
            for (RoomEvent event : eventsOf.apply(result)) {
                events.add(publisher.pending(event.roomId(), event.event()));
            }
            return outbox.insert(transaction, events).map(ids -> new Committed<>(result, events, ids));
        })).chain(committed -> publishCommitted(committed).replaceWith(committed.result()));
    }

    /**
     * Publishes a change's events and deletes their rows; if an older event of the same rooms still waits (its publish
     * failed), these wait behind it for the relay, which sends in order: a "left" must not overtake its "joined".
     */
    private Uni<Void> publishCommitted(Committed<?> committed) {
        if (committed.ids().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> rooms = committed.events().stream().map(OutboxRepository.Pending::roomId).distinct().toList();
        return outbox.olderWaiting(rooms, committed.ids().get(0))
                .chain(older -> older ? Uni.createFrom().voidItem()
                        : publishAll(committed.events()).chain(() -> outbox.delete(committed.ids())))
                .onFailure().invoke(failure -> Log.warnf("%d event(s) left to the outbox relay: %s", committed.ids().size(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** A change that announces one event, or none when {@code eventOf} says null. */
    public <T> Uni<T> changeWithEvent(Function<SqlConnection, Uni<T>> change, Function<T, RoomEvent> eventOf) {
        return change(change, result -> {
            RoomEvent event = eventOf.apply(result);
            return event == null ? List.of() : List.of(event);
        });
    }

    private Uni<Void> publishAll(List<OutboxRepository.Pending> events) {
        Uni<Void> published = Uni.createFrom().voidItem();
        for (OutboxRepository.Pending event : events) {
            published = published.chain(() -> publisher.publish(event.roomId(), event.membershipKey(), event.payload()));
        }
        return published;
    }

    /** Publishes, in order, what is older than the grace and still in the outbox; the number published. */
    Uni<Integer> relayLeftovers() {
        return pool.withTransaction(transaction -> outbox.leftovers(transaction, config.grace(), config.batchSize())
                .chain(leftovers -> {
                    if (leftovers.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>(leftovers.size());
                    leftovers.forEach(stored -> ids.add(stored.id()));
                    return Multi.createFrom().iterable(leftovers)
                            .onItem().transformToUniAndConcatenate(stored -> publisher.publish(stored.roomId(), stored.membershipKey(),
                                    stored.payload()))
                            .collect().last()
                            .chain(() -> outbox.delete(transaction, ids))
                            .invoke(() -> relayed.increment(ids.size()))
                            .replaceWith(ids.size());
                }));
    }
}
