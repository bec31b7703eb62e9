package dev.chat.chat.service;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Room;
import dev.chat.chat.repository.RoomRepository;
import dev.chat.chat.repository.RoomRepository.Membership;
import io.smallrye.mutiny.Uni;

/** Loads a room with the caller's membership; runs an action only for members, or only for the owner. */
@ApplicationScoped
public class RoomAccess {

    private final RoomRepository rooms;

    public RoomAccess(RoomRepository rooms) {
        this.rooms = rooms;
    }

    /** The room and the caller's membership (empty if not a member). */
    public record Access(Room room, Optional<Membership> membership) {
        public boolean isMember() {
            return membership.isPresent();
        }

        public boolean isOwner() {
            return membership.map(Membership::isOwner).orElse(false);
        }
    }

    /** The room with the caller's membership; null if there is no such room. */
    public Uni<Access> of(UUID roomId, UUID userId) {
        return rooms.findById(roomId).chain(room -> room.isEmpty()
                ? Uni.createFrom().nullItem()
                : rooms.membership(roomId, userId).map(membership -> new Access(room.get(), membership)));
    }

    /** Runs {@code action} for members only: no such room, or not a member, otherwise. */
    public Uni<Outcome> asMember(UUID roomId, UUID userId, Function<Access, Uni<Outcome>> action) {
        return of(roomId, userId).chain(access -> {
            if (access == null) {
                return now(Outcome.noSuchRoom());
            }
            if (!access.isMember()) {
                return now(Outcome.notMember());
            }
            return action.apply(access);
        });
    }

    /** Runs {@code action} for the owner of a channel only. */
    public Uni<Outcome> asOwner(UUID roomId, UUID userId, Function<Access, Uni<Outcome>> action) {
        return asMember(roomId, userId, found -> found.isOwner() && found.room().isChannel()
                ? action.apply(found)
                : now(new Outcome.NotOwner("only the room's owner can do this")));
    }

    static Uni<Outcome> now(Outcome outcome) {
        return Uni.createFrom().item(outcome);
    }
}
