package dev.chat.chat.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.SystemLineTexts;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.messaging.EventOutbox.RoomEvent;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.support.PasswordHasher;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;

/** Who is in a room: joining (at once, by password or by request), leaving, the member list, and the owner's say. */
@ApplicationScoped
public class MembershipService {

    private static final Map<String, String> MEMBER = Map.of("status", "member");
    private static final Map<String, String> PENDING = Map.of("status", "pending");

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final EventOutbox events;
    private final ChatLimits limits;
    private final ReplyBudget budget;
    private final SystemLines systemLines;

    public MembershipService(RoomRepository rooms, RoomAccess access, UserDirectory users, PasswordHasher passwords,
            EventOutbox events, ChatLimits limits, ReplyBudget budget, SystemLines systemLines) {
        this.systemLines = systemLines;
        this.rooms = rooms;
        this.access = access;
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.limits = limits;
        this.budget = budget;
    }

    /**
     * Public rooms admit at once; private ones with the right password, or else file a join request. Every join
     * counts against the caller's join budget; wrong passwords also against their guesses at this room.
     */
    public Uni<Outcome> join(Caller caller, JsonNode body) {
        var input = ChatValidation.roomId(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var limited = limits.join(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        String password = body.hasNonNull("password") ? body.get("password").asText() : null;
        UUID userId = UUID.fromString(caller.userId());
        return access.of(input.value(), userId).chain(found -> {
            if (found == null || found.room().kind().equals(Room.DIRECT) && !found.isMember()) {
                return RoomAccess.now(Outcome.noSuchRoom());
            }
            if (found.isMember()) {
                return RoomAccess.now(new Outcome.Found(MEMBER));
            }
            Room room = found.room();
            if (!room.isPrivate()) {
                return admit(room, caller);
            }
            if (password == null || room.passwordHash() == null) {
                return requestToJoin(room, caller);
            }
            return checkPassword(room, caller, password);
        });
    }

    /** bcrypt, only while the caller has guesses left at this room; a right password does not use one up. */
    private Uni<Outcome> checkPassword(Room room, Caller caller, String password) {
        var limited = limits.passwordAttempt(caller, room.id());
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        return passwords.matches(password, room.passwordHash()).chain(matches -> {
            if (!matches) {
                return RoomAccess.now(new Outcome.WrongPassword());
            }
            limits.rightPassword(caller, room.id());
            return admit(room, caller);
        });
    }

    private Uni<Outcome> admit(Room room, Caller caller) {
        UUID userId = UUID.fromString(caller.userId());
        var line = systemLines.pending();
        return events.changeWithEvent(tx -> rooms.addMember(tx, room.id(), userId, Times.now())
                        .call(added -> added
                                ? line.write(tx, room.id(), userId, caller.username(), SystemLineTexts.joined(caller.username())) : none()),
                added -> added ? new RoomEvent(room.id(), Frames.joined(room.id(), userId, caller.username())) : null)
                .invoke(line::publish)
                .replaceWith(new Outcome.Found(MEMBER));
    }

    private Uni<Outcome> requestToJoin(Room room, Caller caller) {
        UUID userId = UUID.fromString(caller.userId());
        return events.changeWithEvent(tx -> rooms.requestToJoin(tx, room.id(), userId, Times.now()),
                isNew -> isNew ? new RoomEvent(room.id(), Frames.joinRequest(room, userId, caller.username())) : null)
                .replaceWith(new Outcome.Pending(PENDING));
    }

    public Uni<Outcome> leave(Caller caller, JsonNode body) {
        var input = ChatValidation.roomId(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value();
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(roomId, userId, found -> {
            if (!found.room().isChannel()) {
                return RoomAccess.now(new Outcome.CannotLeave("the general room and direct rooms cannot be left"));
            }
            if (found.isOwner()) {
                return RoomAccess.now(new Outcome.CannotLeave("the owner cannot leave; delete the room instead"));
            }
            var line = systemLines.pending();
            return events.changeWithEvent(tx -> rooms.removeMember(tx, roomId, userId)
                            .call(removed -> removed
                                    ? line.write(tx, roomId, userId, caller.username(), SystemLineTexts.left(caller.username())) : none()),
                    removed -> removed ? new RoomEvent(roomId, Frames.left(roomId, userId, caller.username())) : null)
                    .invoke(line::publish)
                    .replaceWith(new Outcome.Done());
        });
    }

    public Uni<Outcome> members(Caller caller, JsonNode body) {
        var input = ChatValidation.roomId(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value();
        // As many as fit in one reply: general holds every user, and a member is some 200 bytes of JSON.
        return access.asMember(roomId, UUID.fromString(caller.userId()),
                found -> rooms.members(roomId).map(members -> new Outcome.Found(budget.first(members))));
    }

    /** Owner only: who asked to join, oldest first. */
    public Uni<Outcome> joinRequests(Caller caller, JsonNode body) {
        var input = ChatValidation.roomId(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value();
        return access.asOwner(roomId, UUID.fromString(caller.userId()),
                found -> rooms.joinRequests(roomId).map(requests -> new Outcome.Found(budget.first(requests))));
    }

    /**
     * Owner only: settles a join request. Approval makes the requester a member (a {@code member} frame to the
     * room, the requester's connections included); rejection sends the requester a {@code system} notice.
     */
    public Uni<Outcome> decideJoinRequest(Caller caller, JsonNode body, boolean approve) {
        var input = ChatValidation.memberRef(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value().roomId();
        UUID userId = input.value().userId();
        // The request settled, the membership, its line and the event that tells everyone: one transaction.
        var line = systemLines.pending();
        return access.asOwner(roomId, UUID.fromString(caller.userId()), found -> events.changeWithEvent(
                tx -> rooms.settleJoinRequest(tx, roomId, userId).chain(settled -> settled.isEmpty() || !approve
                        ? Uni.createFrom().item(settled)
                        : rooms.addMember(tx, roomId, userId, Times.now())
                                .call(added -> added ? line.write(tx, roomId, userId, settled.get(), SystemLineTexts.joined(settled.get()))
                                        : none())
                                .replaceWith(settled)),
                settled -> settled.isEmpty() ? null : new RoomEvent(roomId,
                        approve ? Frames.joined(roomId, userId, settled.get()) : Frames.joinDeclined(found.room(), userId)))
                .invoke(line::publish)
                .map(settled -> settled.isEmpty() ? new Outcome.Missing("no such join request") : new Outcome.Done()));
    }

    /** Owner only: removes a member, whose connections stop getting the room at once. */
    public Uni<Outcome> removeMember(Caller caller, JsonNode body) {
        var input = ChatValidation.memberRef(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        UUID roomId = input.value().roomId();
        UUID userId = input.value().userId();
        if (userId.toString().equals(caller.userId())) {
            return RoomAccess.now(new Outcome.Invalid(List.of(
                    new FieldError("userId", "the owner cannot remove themselves; delete the room instead"))));
        }
        var line = systemLines.pending();
        UUID ownerId = UUID.fromString(caller.userId());
        return access.asOwner(roomId, ownerId, found -> users.usernameOf(userId)
                .chain(name -> events.changeWithEvent(tx -> rooms.removeMember(tx, roomId, userId)
                                        .call(removed -> removed ? line.write(tx, roomId, ownerId, caller.username(),
                                                SystemLineTexts.removed(name.orElse("someone"), caller.username())) : none()),
                                removed -> removed ? new RoomEvent(roomId, Frames.left(roomId, userId, name.orElse(""))) : null)
                        .invoke(line::publish)
                        .map(removed -> removed ? new Outcome.Done() : new Outcome.Missing("not a member of this room"))));
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}
