package dev.chat.chat.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Room;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.chat.repository.RoomRepository.Membership;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import io.smallrye.mutiny.Uni;

/** Loads a room with the caller's membership and turns "no such room" and "not a member" into replies. */
@ApplicationScoped
public class RoomAccess {

    private final RoomRepository rooms;
    private final Replies replies;

    public RoomAccess(RoomRepository rooms, Replies replies) {
        this.rooms = rooms;
        this.replies = replies;
    }

    /** The room and the caller's membership (empty if not a member); null if there is no such room. */
    public record Access(Room room, Optional<Membership> membership) {
        public boolean isMember() {
            return membership.isPresent();
        }

        public boolean isOwner() {
            return membership.map(Membership::isOwner).orElse(false);
        }
    }

    public Uni<Access> of(UUID roomId, UUID userId) {
        return rooms.findById(roomId).chain(room -> room.isEmpty()
                ? Uni.createFrom().nullItem()
                : rooms.membership(roomId, userId).map(membership -> new Access(room.get(), membership)));
    }

    /** Runs {@code action} for members only: 404 for an unknown room, 403 not_a_member otherwise. */
    public Uni<ServiceReply> asMember(UUID roomId, UUID userId, java.util.function.Function<Access, Uni<ServiceReply>> action) {
        return of(roomId, userId).chain(access -> {
            if (access == null) {
                return replies.now(notFound());
            }
            if (!access.isMember()) {
                return replies.now(replies.problem(403, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room"));
            }
            return action.apply(access);
        });
    }

    public ServiceReply notFound() {
        return replies.problem(404, ErrorCodes.NOT_FOUND, "no such room");
    }
}
