package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.contracts.ChatEvent.Retention;

/**
 * The contract's Room, plus what lists add: {@code member}, {@code role}, {@code unread}, {@code lastSeq},
 * {@code lastMessage}; and for direct rooms the other person as {@code peer} (the name is theirs, seen from
 * the caller). {@code hasPassword} tells a client whether to ask for one. {@code retention}, {@code systemLines} and
 * {@code evictedBefore} are the room's settings and what its retention took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomView(UUID id, String name, String topic, String kind, String visibility, UUID ownerId, Instant createdAt,
        boolean hasPassword, Boolean member, String role, Long unread, Long lastSeq, Long readSeq, Message lastMessage,
        Peer peer, Retention retention, boolean systemLines, Long evictedBefore) {

    public record Peer(UUID id, String username) {
    }

    /** The same, without its last message: what a list too big for one reply keeps of a room. */
    public RoomView withoutLastMessage() {
        return new RoomView(id, name, topic, kind, visibility, ownerId, createdAt, hasPassword, member, role, unread, lastSeq, readSeq,
                null, peer, retention, systemLines, evictedBefore);
    }

    public static RoomView of(Room room) {
        return listed(room, room.name(), null, null, null, null, null, null);
    }

    /** As a list shows it to one caller: their membership, unread count and marker, the room's last message. */
    public static RoomView listed(Room room, String name, Boolean member, String role, Long unread, Long readSeq, Message lastMessage,
            Peer peer) {
        return new RoomView(room.id(), name, room.topic(), room.kind(), room.visibility(), room.ownerId(), room.createdAt(),
                room.passwordHash() != null, member, role, unread, room.lastSeq(), readSeq, lastMessage, peer, room.retention(),
                room.systemLines(), room.evictedBefore());
    }
}
