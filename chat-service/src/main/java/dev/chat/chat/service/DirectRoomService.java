package dev.chat.chat.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.RoomView;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.messaging.EventOutbox.RoomEvent;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;

/** Direct rooms: the one room of two people, opened by either of them. */
@ApplicationScoped
public class DirectRoomService {

    private final RoomRepository rooms;
    private final UserDirectory users;
    private final EventOutbox events;
    private final ChatLimits limits;

    public DirectRoomService(RoomRepository rooms, UserDirectory users, EventOutbox events, ChatLimits limits) {
        this.rooms = rooms;
        this.users = users;
        this.events = events;
        this.limits = limits;
    }

    /** The direct room with another user: made on first use (both get a member frame), the same one after. */
    public Uni<Outcome> open(Caller caller, JsonNode body) {
        var input = ChatValidation.userId(body);
        UUID self = UUID.fromString(caller.userId());
        if (input.isValid() && input.value().equals(self)) {
            return RoomAccess.now(new Outcome.Invalid(new FieldError("userId", "a direct room needs another user")));
        }
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID other = input.value();
        return users.usernameOf(other).chain(otherName -> {
            if (otherName.isEmpty()) {
                return RoomAccess.now(new Outcome.Missing("no such user"));
            }
            // Only new direct rooms count (each reaches someone new); opening an existing one always works.
            var limited = limits.newDirectRoom(caller);
            if (limited.isPresent()) {
                return rooms.findDirect(self, other).map(existing -> existing
                        .map(room -> (Outcome) new Outcome.Found(view(room, other, otherName.get())))
                        .orElse(limited.get()));
            }
            return events.change(tx -> rooms.openDirect(tx, UuidV7.next(), self, other, Times.now()),
                    direct -> direct.created() ? List.of(
                            new RoomEvent(direct.room().id(), Frames.joined(direct.room().id(), self, caller.username())),
                            new RoomEvent(direct.room().id(), Frames.joined(direct.room().id(), other, otherName.get())))
                            : List.of())
                    .map(direct -> {
                        RoomView view = view(direct.room(), other, otherName.get());
                        if (!direct.created()) {
                            limits.notNewDirectRoom(caller);
                            return new Outcome.Found(view);
                        }
                        return new Outcome.Created(view);
                    });
        });
    }

    /** The room as the caller sees it: named after the other person. */
    private static RoomView view(Room room, UUID other, String otherName) {
        return RoomView.listed(room, otherName, true, "member", null, null, null, new RoomView.Peer(other, otherName));
    }
}
