package dev.chat.chat.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.RoomView;
import dev.chat.chat.messaging.ChatEventPublisher;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Rooms: channels, direct rooms and the general room; membership; read markers. */
@ApplicationScoped
public class RoomService {

    static final int PUBLIC_LIST_LIMIT = 500;

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final ChatEventPublisher events;
    private final Replies replies;

    public RoomService(RoomRepository rooms, RoomAccess access, UserDirectory users, PasswordHasher passwords,
            ChatEventPublisher events, Replies replies) {
        this.rooms = rooms;
        this.access = access;
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.replies = replies;
    }

    public Uni<ServiceReply> create(Caller caller, JsonNode body) {
        var input = ChatValidation.newChannel(body);
        if (!input.isValid()) {
            return replies.invalid(input.errors());
        }
        var channel = input.value();
        UUID owner = UUID.fromString(caller.userId());
        Uni<String> passwordHash = channel.password() == null ? Uni.createFrom().nullItem() : passwords.hash(channel.password());
        return passwordHash
                .map(hash -> new Room(UuidV7.next(), Room.CHANNEL, channel.name(), channel.topic(), channel.visibility(), hash,
                        owner, now(), 0))
                .chain(rooms::insertChannel)
                .chain(stored -> {
                    if (stored.isEmpty()) {
                        return replies.now(replies.problem(409, ErrorCodes.ROOM_NAME_TAKEN,
                                "a room named '" + channel.name() + "' exists"));
                    }
                    Room room = stored.get();
                    Log.infof("room %s '%s' created by %s", room.id(), room.name(), caller.username());
                    return events.publish(room.id(), Frames.member(room.id(), owner, caller.username(), "joined"))
                            .replaceWith(replies.ok(201, RoomView.of(room)));
                });
    }

    public Uni<ServiceReply> list(Caller caller, JsonNode params) {
        String scope = params != null && params.hasNonNull("scope") ? params.get("scope").asText() : "mine";
        UUID userId = UUID.fromString(caller.userId());
        return switch (scope) {
            case "mine" -> rooms.roomsOf(userId, false).map(list -> replies.ok(200, list));
            case "direct" -> rooms.roomsOf(userId, true).map(list -> replies.ok(200, list));
            case "public" -> rooms.publicChannels(userId, PUBLIC_LIST_LIMIT).map(list -> replies.ok(200, list));
            default -> replies.invalid(List.of(new FieldError("scope", "must be mine, public or direct")));
        };
    }

    public Uni<ServiceReply> get(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return access.of(roomId, UUID.fromString(caller.userId())).map(found -> {
            if (found == null) {
                return access.notFound();
            }
            // A public channel may be looked at before joining; anything else is for members only.
            if (!found.isMember() && !(found.room().isChannel() && !found.room().isPrivate())) {
                return replies.problem(403, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room");
            }
            return replies.ok(200, RoomView.of(found.room()));
        });
    }

    public Uni<ServiceReply> join(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        String password = body != null && body.hasNonNull("password") ? body.get("password").asText() : null;
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        UUID userId = UUID.fromString(caller.userId());
        return access.of(roomId, userId).chain(found -> {
            if (found == null || found.room().kind().equals(Room.DIRECT) && !found.isMember()) {
                return replies.now(access.notFound());
            }
            if (found.isMember()) {
                return replies.now(replies.ok(200, Map.of("status", "member")));
            }
            Room room = found.room();
            if (!room.isPrivate()) {
                return admit(room, caller);
            }
            if (password == null || room.passwordHash() == null) {
                return requestToJoin(room, caller);
            }
            return passwords.matches(password, room.passwordHash()).chain(matches -> matches
                    ? admit(room, caller)
                    : replies.now(replies.problem(403, ErrorCodes.WRONG_PASSWORD, "wrong password for this room")));
        });
    }

    private Uni<ServiceReply> admit(Room room, Caller caller) {
        UUID userId = UUID.fromString(caller.userId());
        return rooms.addMember(room.id(), userId, now())
                .chain(added -> added
                        ? events.publish(room.id(), Frames.member(room.id(), userId, caller.username(), "joined"))
                        : Uni.createFrom().voidItem())
                .replaceWith(replies.ok(200, Map.of("status", "member")));
    }

    private Uni<ServiceReply> requestToJoin(Room room, Caller caller) {
        UUID userId = UUID.fromString(caller.userId());
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("type", "join-request");
        frame.put("roomId", room.id());
        frame.put("userId", userId);
        frame.put("username", caller.username());
        // Delivered only to the owner's connections.
        frame.put("toUserId", room.ownerId());
        return rooms.requestToJoin(room.id(), userId, now())
                .chain(isNew -> isNew ? events.publish(room.id(), frame) : Uni.createFrom().voidItem())
                .replaceWith(replies.ok(202, Map.of("status", "pending")));
    }

    public Uni<ServiceReply> leave(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(roomId, userId, found -> {
            if (!found.room().isChannel()) {
                return replies.now(replies.problem(409, ErrorCodes.CANNOT_LEAVE, "the general room and direct rooms cannot be left"));
            }
            if (found.isOwner()) {
                return replies.now(replies.problem(409, ErrorCodes.CANNOT_LEAVE, "the owner cannot leave; delete the room instead"));
            }
            return rooms.removeMember(roomId, userId)
                    .chain(() -> events.publish(roomId, Frames.member(roomId, userId, caller.username(), "left")))
                    .replaceWith(replies.ok(204, null));
        });
    }

    public Uni<ServiceReply> delete(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return access.asMember(roomId, UUID.fromString(caller.userId()), found -> {
            if (!found.room().isChannel() || !found.isOwner()) {
                return replies.now(replies.problem(403, ErrorCodes.NOT_ROOM_OWNER, "only the room's owner can delete it"));
            }
            Log.infof("room %s deleted by %s", roomId, caller.username());
            return rooms.delete(roomId)
                    .chain(() -> events.publish(roomId, Frames.room(roomId, "deleted")))
                    .replaceWith(replies.ok(204, null));
        });
    }

    public Uni<ServiceReply> members(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return access.asMember(roomId, UUID.fromString(caller.userId()),
                found -> rooms.members(roomId).map(members -> replies.ok(200, members)));
    }

    public Uni<ServiceReply> read(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        Long seq = body != null && body.isObject() ? ChatValidation.requiredSeq(body, "seq", errors) : null;
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(roomId, userId, found -> rooms.moveReadMarker(roomId, userId, seq)
                .chain(moved -> moved.isPresent()
                        ? events.publish(roomId, Frames.read(roomId, userId, moved.get()))
                        : Uni.createFrom().voidItem())
                .replaceWith(replies.ok(204, null)));
    }

    public Uni<ServiceReply> openDirect(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID other = ChatValidation.isObject(body, errors) ? ChatValidation.uuid(body, "userId", errors) : null;
        UUID self = UUID.fromString(caller.userId());
        if (errors.isEmpty() && other.equals(self)) {
            errors.add(new FieldError("userId", "a direct room needs another user"));
        }
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return users.usernameOf(other).chain(otherName -> {
            if (otherName.isEmpty()) {
                return replies.now(replies.problem(404, ErrorCodes.NOT_FOUND, "no such user"));
            }
            return rooms.openDirect(UuidV7.next(), self, other, now()).chain(direct -> {
                Room room = direct.room();
                RoomView view = new RoomView(room.id(), otherName.get(), null, room.kind(), room.visibility(), null,
                        room.createdAt(), false, true, "member", null, room.lastSeq(), null, null,
                        new RoomView.Peer(other, otherName.get()));
                if (!direct.created()) {
                    return replies.now(replies.ok(200, view));
                }
                return events.publish(room.id(), Frames.member(room.id(), self, caller.username(), "joined"))
                        .chain(() -> events.publish(room.id(), Frames.member(room.id(), other, otherName.get(), "joined")))
                        .replaceWith(replies.ok(201, view));
            });
        });
    }

    /** Owner only: who asked to join, oldest first. */
    public Uni<ServiceReply> joinRequests(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return asOwner(caller, roomId, found -> rooms.joinRequests(roomId).map(requests -> replies.ok(200, requests)));
    }

    /**
     * Owner only: settles a join request. Approval makes the requester a member (a {@code member} frame to the
     * room, the requester's connections included); rejection sends the requester a {@code system} notice.
     */
    public Uni<ServiceReply> decideJoinRequest(Caller caller, JsonNode body, boolean approve) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        UUID userId = errors.isEmpty() ? ChatValidation.uuid(body, "userId", errors) : null;
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        return asOwner(caller, roomId, found -> rooms.settleJoinRequest(roomId, userId)
                .chain(settled -> {
                    if (settled.isEmpty()) {
                        return replies.now(replies.problem(404, ErrorCodes.NOT_FOUND, "no such join request"));
                    }
                    String username = settled.get();
                    if (approve) {
                        return rooms.addMember(roomId, userId, now())
                                .chain(added -> events.publish(roomId, Frames.member(roomId, userId, username, "joined")))
                                .replaceWith(replies.ok(204, null));
                    }
                    Map<String, Object> notice = new java.util.LinkedHashMap<>();
                    notice.put("type", "system");
                    notice.put("roomId", roomId);
                    notice.put("text", "your request to join '" + found.room().name() + "' was declined");
                    notice.put("toUserId", userId);
                    return events.publish(roomId, notice).replaceWith(replies.ok(204, null));
                }));
    }

    /** Owner only: removes a member, whose connections stop getting the room at once. */
    public Uni<ServiceReply> removeMember(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = roomId(body, errors);
        UUID userId = errors.isEmpty() ? ChatValidation.uuid(body, "userId", errors) : null;
        if (!errors.isEmpty()) {
            return replies.invalid(errors);
        }
        if (userId.toString().equals(caller.userId())) {
            return replies.invalid(List.of(new FieldError("userId", "the owner cannot remove themselves; delete the room instead")));
        }
        return asOwner(caller, roomId, found -> users.usernameOf(userId).chain(name -> rooms.removeMember(roomId, userId)
                .chain(removed -> removed
                        ? events.publish(roomId, Frames.member(roomId, userId, name.orElse(""), "left")).replaceWith(replies.ok(204, null))
                        : replies.now(replies.problem(404, ErrorCodes.NOT_FOUND, "not a member of this room")))));
    }

    private Uni<ServiceReply> asOwner(Caller caller, UUID roomId, java.util.function.Function<RoomAccess.Access, Uni<ServiceReply>> action) {
        return access.asMember(roomId, UUID.fromString(caller.userId()), found -> found.isOwner() && found.room().isChannel()
                ? action.apply(found)
                : replies.now(replies.problem(403, ErrorCodes.NOT_ROOM_OWNER, "only the room's owner can do this")));
    }

    /** The caller's rooms and their newest seq, for the WebSocket welcome. */
    public Uni<ServiceReply> positions(Caller caller) {
        return rooms.positions(UUID.fromString(caller.userId())).map(list -> replies.ok(200, list));
    }

    static UUID roomId(JsonNode body, List<FieldError> errors) {
        return ChatValidation.isObject(body, errors) ? ChatValidation.uuid(body, "roomId", errors) : null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
