package dev.chat.chat.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.messaging.ChatEventPublisher;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.contracts.ServiceRequest.Caller;
import io.smallrye.mutiny.Uni;

/** Where each member is: read markers (which never move back) and the newest seq of each of the caller's rooms. */
@ApplicationScoped
public class ReadMarkerService {

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final ChatEventPublisher events;

    public ReadMarkerService(RoomRepository rooms, RoomAccess access, ChatEventPublisher events) {
        this.rooms = rooms;
        this.access = access;
        this.events = events;
    }

    /** Moves the caller's marker forward; the room's members get a {@code read} frame if it moved. */
    public Uni<Outcome> read(Caller caller, JsonNode body) {
        var input = ChatValidation.readMarker(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value().roomId();
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(roomId, userId, found -> rooms.moveReadMarker(roomId, userId, input.value().seq())
                .chain(moved -> moved.isPresent()
                        ? events.publish(roomId, Frames.read(roomId, userId, moved.get()))
                        : Uni.createFrom().voidItem())
                .replaceWith(new Outcome.Done()));
    }

    /** The caller's rooms and their newest seq, for the WebSocket welcome. */
    public Uni<Outcome> positions(Caller caller) {
        return rooms.positions(UUID.fromString(caller.userId())).map(Outcome.Found::new);
    }
}
