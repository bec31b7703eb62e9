package dev.chat.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatEvent.JoinRequestEvent;
import dev.chat.contracts.ChatEvent.MemberEvent;
import dev.chat.contracts.ChatEvent.MessageEvent;
import dev.chat.contracts.ChatEvent.PresenceEvent;
import dev.chat.contracts.ChatEvent.ReadEvent;
import dev.chat.contracts.ChatEvent.RoomEvent;
import dev.chat.contracts.ChatEvent.SystemNotice;

/**
 * Every event chat-service publishes, built from its domain: the only place its frames are made. Events on
 * chat.events are exactly the WebSocket frames members get, so gateways forward them without re-serialising.
 */
public final class Frames {

    private Frames() {
    }

    public static ChatEvent message(Message message) {
        return new MessageEvent(message.id(), message.roomId(), message.seq(),
                new ChatEvent.Sender(message.sender().id(), message.sender().username()), message.text(), message.kind(),
                message.clientMsgId(), message.createdAt(), message.attachments().stream().map(Frames::attachment).toList());
    }

    private static ChatEvent.Attachment attachment(Attachment image) {
        Attachment.Thumbnail thumbnail = image.thumbnail();
        return new ChatEvent.Attachment(image.id(), image.contentType(), image.size(), image.width(), image.height(),
                new ChatEvent.Thumbnail(thumbnail.contentType(), thumbnail.size(), thumbnail.width(), thumbnail.height()));
    }

    /** A message's new text, or its deletion. */
    public static ChatEvent changed(Message message) {
        if (message.deleted()) {
            return new ChatEvent.MessageDeletedEvent(message.roomId(), message.seq());
        }
        return new ChatEvent.MessageEditedEvent(message.roomId(), message.seq(), message.text(), message.editedAt());
    }

    /** A member's reaction, with the emoji's count on the message after it. */
    public static ChatEvent reaction(ChatValidation.Reaction reaction, UUID userId, long count) {
        return new ChatEvent.ReactionEvent(reaction.roomId(), reaction.seq(), reaction.emoji(), userId, reaction.on(), count);
    }

    public static ChatEvent joined(UUID roomId, UUID userId, String username) {
        return new MemberEvent(roomId, userId, username, ChatEvent.JOINED, ChatEvent.MEMBER_ROLE);
    }

    /** The creator of a channel, its first member. */
    public static ChatEvent ownerJoined(UUID roomId, UUID userId, String username) {
        return new MemberEvent(roomId, userId, username, ChatEvent.JOINED, ChatEvent.OWNER);
    }

    public static ChatEvent left(UUID roomId, UUID userId, String username) {
        return new MemberEvent(roomId, userId, username, ChatEvent.LEFT, null);
    }

    public static ChatEvent deleted(UUID roomId) {
        return new RoomEvent(roomId, ChatEvent.DELETED);
    }

    /** The owner changed the room's settings: what members need to show them. */
    public static ChatEvent updated(Room room) {
        return new ChatEvent.RoomUpdatedEvent(room.id(), room.topic(), room.retention(), room.systemLines());
    }

    /** Retention evicted the room's messages below {@code evictedBefore}. */
    public static ChatEvent evicted(UUID roomId, long evictedBefore) {
        return new ChatEvent.RoomEvictedEvent(roomId, evictedBefore);
    }

    public static ChatEvent read(UUID roomId, UUID userId, long seq) {
        return new ReadEvent(roomId, userId, seq);
    }

    /** To the room's owner only. */
    public static ChatEvent joinRequest(Room room, UUID userId, String username) {
        return new JoinRequestEvent(room.id(), userId, username, room.ownerId());
    }

    /** To the requester only. */
    public static ChatEvent joinDeclined(Room room, UUID userId) {
        return new SystemNotice(room.id(), "your request to join '" + room.name() + "' was declined", userId);
    }

    /** {@code roomIds} routes it to the members who share a room with the user; gateways strip it. */
    public static ChatEvent presence(String userId, String username, String status, Instant at, List<UUID> roomIds) {
        return new PresenceEvent(userId, username, status, at, roomIds.stream().map(UUID::toString).toList());
    }
}
