package dev.chat.chat.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.RoomSettings;
import dev.chat.chat.domain.RoomView;
import dev.chat.chat.domain.SystemLineTexts;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.messaging.EventOutbox.RoomEvent;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.support.PasswordHasher;
import dev.chat.support.Times;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Channels: creating, listing, looking at, changing their settings and deleting them. */
@ApplicationScoped
public class ChannelService {

    static final int PUBLIC_LIST_LIMIT = 500;

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final PasswordHasher passwords;
    private final EventOutbox events;
    private final ChatLimits limits;
    private final ReplyBudget budget;
    private final SystemLines systemLines;
    private final ChatConfig config;

    public ChannelService(RoomRepository rooms, RoomAccess access, PasswordHasher passwords, EventOutbox events,
            ChatLimits limits, ReplyBudget budget, SystemLines systemLines, ChatConfig config) {
        this.systemLines = systemLines;
        this.config = config;
        this.rooms = rooms;
        this.access = access;
        this.passwords = passwords;
        this.events = events;
        this.limits = limits;
        this.budget = budget;
    }

    public Uni<Outcome> create(Caller caller, JsonNode body) {
        var input = ChatValidation.newChannel(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        // Counted before bcrypt hashes the password, so a refused creation costs nothing; a taken name counts too.
        var limited = limits.createRoom(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        var channel = input.value();
        UUID owner = UUID.fromString(caller.userId());
        Uni<String> passwordHash = channel.password() == null ? Uni.createFrom().nullItem() : passwords.hash(channel.password());
        return passwordHash
                .map(hash -> new Room(UuidV7.next(), Room.CHANNEL, channel.name(), channel.topic(), channel.visibility(), hash,
                        owner, Times.now(), 0, null, 0, config.channelSystemLines()))
                .chain(room -> events.changeWithEvent(tx -> rooms.insertChannel(tx, room),
                        stored -> stored.isEmpty() ? null
                                : new RoomEvent(room.id(), Frames.ownerJoined(room.id(), owner, caller.username()))))
                .map(stored -> {
                    if (stored.isEmpty()) {
                        return new Outcome.NameTaken(channel.name());
                    }
                    Room room = stored.get();
                    Log.infof("room %s '%s' created by %s", room.id(), room.name(), caller.username());
                    return new Outcome.Created(RoomView.of(room));
                });
    }

    /**
     * The caller's rooms ({@code mine}), their direct rooms ({@code direct}) or public channels ({@code public}); as
     * many as fit in one reply ({@link ReplyBudget#rooms}).
     */
    public Uni<Outcome> list(Caller caller, JsonNode params) {
        String scope = params != null && params.hasNonNull("scope") ? params.get("scope").asText() : "mine";
        UUID userId = UUID.fromString(caller.userId());
        if (params != null && params.hasNonNull("name")) {
            String name = params.get("name").asText();
            return name.isBlank() || name.length() > 64
                    ? RoomAccess.now(new Outcome.Invalid(List.of(new FieldError("name", "a room's name, 1 to 64 characters"))))
                    : rooms.channelNamed(userId, name.strip()).map(this::found);
        }
        return switch (scope) {
            case "mine" -> rooms.roomsOf(userId, false).map(this::found);
            case "direct" -> rooms.roomsOf(userId, true).map(this::found);
            case "public" -> rooms.publicChannels(userId, PUBLIC_LIST_LIMIT).map(this::found);
            default -> RoomAccess.now(new Outcome.Invalid(List.of(new FieldError("scope", "must be mine, public or direct"))));
        };
    }

    private Outcome found(List<RoomView> listed) {
        return new Outcome.Found(budget.rooms(listed));
    }

    public Uni<Outcome> get(Caller caller, JsonNode body) {
        var roomId = ChatValidation.roomId(body);
        if (!roomId.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(roomId.errors()));
        }
        UUID callerId = UUID.fromString(caller.userId());
        return access.of(roomId.value(), callerId).chain(found -> {
            if (found == null) {
                return RoomAccess.now(Outcome.noSuchRoom());
            }
            // A public channel may be looked at before joining; anything else is for members only.
            if (!found.isMember() && !(found.room().isChannel() && !found.room().isPrivate())) {
                return RoomAccess.now(Outcome.notMember());
            }
            Room room = found.room();
            if (!Room.DIRECT.equals(room.kind())) {
                return RoomAccess.now(new Outcome.Found(RoomView.of(room)));
            }
            // A direct room is named for the other person, with them as its peer, as the list and POST /api/dms show it.
            return rooms.peerOf(room.id(), callerId).map(peer -> new Outcome.Found(peer
                    .map(other -> RoomView.listed(room, other.username(), null, null, null, null, null, other))
                    .orElse(RoomView.of(room))));
        });
    }

    /**
     * Owner only: the topic, the retention, whether joins, leaves and room changes show as system lines. Members get a
     * {@code room} event ({@code updated}) and, if the room shows them, a system line saying what changed.
     */
    public Uni<Outcome> update(Caller caller, JsonNode body) {
        var input = RoomSettings.of(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var settings = input.value();
        UUID ownerId = UUID.fromString(caller.userId());
        var line = systemLines.pending();
        return access.asOwner(settings.roomId(), ownerId, found -> events.changeWithEvent(
                        tx -> rooms.updateSettings(tx, settings).call(updated -> line.write(tx, updated.id(), ownerId, caller.username(),
                                SystemLineTexts.changed(caller.username(), found.room(), updated))),
                        updated -> new RoomEvent(updated.id(), Frames.updated(updated)))
                .invoke(line::publish)
                .map(updated -> new Outcome.Found(RoomView.of(updated))));
    }

    public Uni<Outcome> delete(Caller caller, JsonNode body) {
        var input = ChatValidation.roomId(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value();
        return access.asMember(roomId, UUID.fromString(caller.userId()), found -> {
            if (!found.room().isChannel() || !found.isOwner()) {
                return RoomAccess.now(new Outcome.NotOwner("only the room's owner can delete it"));
            }
            Log.infof("room %s deleted by %s", roomId, caller.username());
            return events.changeWithEvent(tx -> rooms.delete(tx, roomId), deleted -> new RoomEvent(roomId, Frames.deleted(roomId)))
                    .replaceWith(new Outcome.Done());
        });
    }
}
