package dev.chat.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What goes on {@link Topics#CHAT_EVENTS}. Each event is the very frame the members get (so gateways forward
 * the text without re-serialising it), plus routing fields: {@code roomId} always, {@code toUserId} for an event
 * meant for one person, {@code roomIds} on presence (stripped before delivery).
 */
public sealed interface ChatEvent {

    String MESSAGE = "message";
    String MESSAGE_EDITED = "message.edited";
    String MESSAGE_DELETED = "message.deleted";
    String REACTION = "reaction";
    String MEMBER = "member";
    String ROOM = "room";
    String READ = "read";
    String JOIN_REQUEST = "join-request";
    String SYSTEM = "system";
    String TYPING = "typing";
    String PRESENCE = "presence";

    /** {@link MemberEvent#event()} values. */
    String JOINED = "joined";
    String LEFT = "left";
    /** {@link MemberEvent#role()} values. */
    String OWNER = "owner";
    String MEMBER_ROLE = "member";
    /** {@link RoomEvent#event()} values. */
    String DELETED = "deleted";
    String UPDATED = "updated";
    String EVICTED = "evicted";

    String type();

    record Sender(UUID id, String username) {
    }

    /** A stored message's new text; ordered with the room's messages (same partition), after the message it edits. */
    record MessageEditedEvent(String type, UUID roomId, long seq, String text, Instant editedAt) implements ChatEvent {
        public MessageEditedEvent(UUID roomId, long seq, String text, Instant editedAt) {
            this(MESSAGE_EDITED, roomId, seq, text, editedAt);
        }
    }

    /** A stored message was deleted: its seq stays, its text is gone. */
    record MessageDeletedEvent(String type, UUID roomId, long seq) implements ChatEvent {
        public MessageDeletedEvent(UUID roomId, long seq) {
            this(MESSAGE_DELETED, roomId, seq);
        }
    }

    /**
     * A member added ({@code on}) or took back a reaction; {@code count} is how many members now react to the message with
     * that emoji, as of this change (apply it, do not add to it).
     */
    record ReactionEvent(String type, UUID roomId, long seq, String emoji, UUID userId, boolean on, long count) implements ChatEvent {
        public ReactionEvent(UUID roomId, long seq, String emoji, UUID userId, boolean on, long count) {
            this(REACTION, roomId, seq, emoji, userId, on, count);
        }
    }

    /** A stored message, in its room's seq order; its images' metadata (never their bytes) when it carries some. */
    record MessageEvent(String type, UUID id, UUID roomId, long seq, Sender sender, String text, String kind, String clientMsgId,
            Instant createdAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments) implements ChatEvent {
        public MessageEvent(UUID id, UUID roomId, long seq, Sender sender, String text, String kind, String clientMsgId,
                Instant createdAt, List<Attachment> attachments) {
            this(MESSAGE, id, roomId, seq, sender, text, kind, clientMsgId, createdAt, attachments);
        }
    }

    /** An image a message carries: read it from {@code GET /api/attachments/{attachmentId}} (and its thumbnail). */
    record Attachment(UUID attachmentId, String contentType, int size, int width, int height, Thumbnail thumbnail) {
    }

    record Thumbnail(String contentType, int size, int width, int height) {
    }

    /**
     * Someone joined ({@link #JOINED}) or left or was removed ({@link #LEFT}). A join says the member's {@code role}
     * ({@link #OWNER} for a channel's creator, {@link #MEMBER_ROLE} otherwise), which services that keep their own
     * view of membership (sketch-service) need.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberEvent(String type, UUID roomId, UUID userId, String username, String event, String role) implements ChatEvent {
        public MemberEvent(UUID roomId, UUID userId, String username, String event, String role) {
            this(MEMBER, roomId, userId, username, event, role);
        }
    }

    /** The room itself changed ({@link #DELETED}). */
    record RoomEvent(String type, UUID roomId, String event) implements ChatEvent {
        public RoomEvent(UUID roomId, String event) {
            this(ROOM, roomId, event);
        }
    }

    /** How long a room keeps its messages: by age, by count, or both; null fields set no bound. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Retention(Integer maxAgeDays, Integer maxMessages) {
    }

    /** The owner changed the room's settings ({@link #UPDATED}): its topic, its retention and whether it shows system lines. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomUpdatedEvent(String type, UUID roomId, String event, String topic, Retention retention, boolean systemLines)
            implements ChatEvent {
        public RoomUpdatedEvent(UUID roomId, String topic, Retention retention, boolean systemLines) {
            this(ROOM, roomId, UPDATED, topic, retention, systemLines);
        }
    }

    /**
     * The room's retention evicted its messages below {@code evictedBefore} ({@link #EVICTED}): clients drop what they
     * hold below it and say older messages were removed.
     */
    record RoomEvictedEvent(String type, UUID roomId, String event, long evictedBefore) implements ChatEvent {
        public RoomEvictedEvent(UUID roomId, long evictedBefore) {
            this(ROOM, roomId, EVICTED, evictedBefore);
        }
    }

    /** A member's read marker moved. */
    record ReadEvent(String type, UUID roomId, UUID userId, long seq) implements ChatEvent {
        public ReadEvent(UUID roomId, UUID userId, long seq) {
            this(READ, roomId, userId, seq);
        }
    }

    /** Someone asked to join a private room: delivered only to its owner. */
    record JoinRequestEvent(String type, UUID roomId, UUID userId, String username, UUID toUserId) implements ChatEvent {
        public JoinRequestEvent(UUID roomId, UUID userId, String username, UUID toUserId) {
            this(JOIN_REQUEST, roomId, userId, username, toUserId);
        }
    }

    /** A notice for one person (a declined join request). */
    record SystemNotice(String type, UUID roomId, String text, UUID toUserId) implements ChatEvent {
        public SystemNotice(UUID roomId, String text, UUID toUserId) {
            this(SYSTEM, roomId, text, toUserId);
        }
    }

    /** Someone is typing; published by gateways, never stored. */
    record TypingEvent(String type, String roomId, String userId, String username) implements ChatEvent {
        public TypingEvent(String roomId, String userId, String username) {
            this(TYPING, roomId, userId, username);
        }
    }

    /** A user came online or went offline; {@code roomIds} (their rooms) only routes it. */
    record PresenceEvent(String type, String userId, String username, String status, Instant at, List<String> roomIds)
            implements ChatEvent {
        public PresenceEvent(String userId, String username, String status, Instant at, List<String> roomIds) {
            this(PRESENCE, userId, username, status, at, roomIds);
        }
    }

    /**
     * What a gateway reads of any event to route it; everything else stays in the text it forwards.
     * {@code event} is the member or room change; {@code seq} the message's.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Routing(String type, String roomId, Long seq, String userId, String event, String toUserId, List<String> roomIds,
            String role) {
    }
}
