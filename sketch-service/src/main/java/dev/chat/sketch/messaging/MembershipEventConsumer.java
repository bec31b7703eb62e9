package dev.chat.sketch.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatEvent.Routing;
import dev.chat.sketch.service.MembershipChanges;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Learns who may draw where from chat-service's membership feed (member joined or left, room deleted), the way
 * chat-service learns its users from user-service: never by reading chat-service's database.
 */
@ApplicationScoped
public class MembershipEventConsumer {

    private final ObjectMapper mapper;
    private final MembershipChanges changes;

    public MembershipEventConsumer(ObjectMapper mapper, MembershipChanges changes) {
        this.mapper = mapper;
        this.changes = changes;
    }

    @Incoming("chat-memberships")
    public Uni<Void> onEvents(List<String> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::apply)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> apply(String json) {
        Routing event;
        try {
            event = mapper.readValue(json, Routing.class);
        } catch (Exception e) {
            Log.warnf("unreadable room event skipped: %s", json);
            return Uni.createFrom().voidItem();
        }
        if (event.type() == null || event.roomId() == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> applied = switch (event.type()) {
            case ChatEvent.MEMBER -> ChatEvent.JOINED.equals(event.event())
                    ? changes.joined(UUID.fromString(event.roomId()), UUID.fromString(event.userId()), ChatEvent.OWNER.equals(event.role()))
                    : changes.left(UUID.fromString(event.roomId()), UUID.fromString(event.userId()));
            case ChatEvent.ROOM -> ChatEvent.DELETED.equals(event.event())
                    ? changes.roomDeleted(UUID.fromString(event.roomId()))
                    : Uni.createFrom().voidItem();
            default -> Uni.createFrom().voidItem();
        };
        // A failure is retried by nothing: logged, and the next event goes on (a stuck partition would stop every room).
        return applied.onFailure().invoke(failure -> Log.errorf(failure, "room event not applied: %s", json))
                .onFailure().recoverWithNull();
    }
}
