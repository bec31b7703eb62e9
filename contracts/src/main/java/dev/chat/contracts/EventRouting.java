package dev.chat.contracts;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An event's {@link ChatEvent.Routing} in its record's headers, so a gateway routes it without parsing the frame it
 * forwards byte for byte. Optional: an event without them (from the outbox's relay, or a producer that does not write
 * them) is routed from its JSON as before. Presence is never routed by headers: its room list stays in the body.
 */
public final class EventRouting {

    public static final String TYPE = "chat-type";
    public static final String ROOM = "chat-room";
    public static final String SEQ = "chat-seq";
    public static final String USER = "chat-user";
    public static final String CHANGE = "chat-event";
    public static final String TO_USER = "chat-to-user";

    private EventRouting() {
    }

    /** The routing of an event as published; null for presence, whose rooms only its body carries. */
    public static ChatEvent.Routing of(ChatEvent event) {
        if (event instanceof ChatEvent.MessageEvent message) {
            return routing(message.type(), message.roomId().toString(), message.seq(), null, null, null);
        }
        if (event instanceof ChatEvent.MessageEditedEvent edited) {
            return routing(edited.type(), edited.roomId().toString(), edited.seq(), null, null, null);
        }
        if (event instanceof ChatEvent.MessageDeletedEvent deleted) {
            return routing(deleted.type(), deleted.roomId().toString(), deleted.seq(), null, null, null);
        }
        if (event instanceof ChatEvent.ReactionEvent reaction) {
            return routing(reaction.type(), reaction.roomId().toString(), reaction.seq(), reaction.userId().toString(), null, null);
        }
        if (event instanceof ChatEvent.RoomEvictedEvent evicted) {
            return routing(evicted.type(), evicted.roomId().toString(), null, null, evicted.event(), null);
        }
        if (event instanceof ChatEvent.RoomUpdatedEvent updated) {
            return routing(updated.type(), updated.roomId().toString(), null, null, updated.event(), null);
        }
        if (event instanceof ChatEvent.MemberEvent member) {
            return routing(member.type(), member.roomId().toString(), null, member.userId().toString(), member.event(), null);
        }
        if (event instanceof ChatEvent.RoomEvent room) {
            return routing(room.type(), room.roomId().toString(), null, null, room.event(), null);
        }
        if (event instanceof ChatEvent.ReadEvent read) {
            return routing(read.type(), read.roomId().toString(), read.seq(), read.userId().toString(), null, null);
        }
        if (event instanceof ChatEvent.JoinRequestEvent request) {
            return routing(request.type(), request.roomId().toString(), null, request.userId().toString(), null,
                    request.toUserId().toString());
        }
        if (event instanceof ChatEvent.SystemNotice notice) {
            return routing(notice.type(), notice.roomId() == null ? null : notice.roomId().toString(), null, null, null,
                    notice.toUserId() == null ? null : notice.toUserId().toString());
        }
        if (event instanceof ChatEvent.TypingEvent typing) {
            return routing(typing.type(), typing.roomId(), null, typing.userId(), null, null);
        }
        return null;
    }

    private static ChatEvent.Routing routing(String type, String roomId, Long seq, String userId, String change, String toUserId) {
        return new ChatEvent.Routing(type, roomId, seq, userId, change, toUserId, null, null);
    }

    /** Writes {@code routing} (nothing if null) into {@code headers}. */
    public static void write(ChatEvent.Routing routing, Headers headers) {
        if (routing == null || routing.type() == null) {
            return;
        }
        add(headers, TYPE, routing.type());
        add(headers, ROOM, routing.roomId());
        add(headers, SEQ, routing.seq() == null ? null : routing.seq().toString());
        add(headers, USER, routing.userId());
        add(headers, CHANGE, routing.event());
        add(headers, TO_USER, routing.toUserId());
    }

    /** The routing {@code headers} carry, or null if they carry none (route from the body then). */
    public static ChatEvent.Routing read(Headers headers) {
        String type = value(headers, TYPE);
        if (type == null) {
            return null;
        }
        String seq = value(headers, SEQ);
        Long parsedSeq;
        try {
            parsedSeq = seq == null ? null : Long.valueOf(seq);
        } catch (NumberFormatException e) {
            return null;
        }
        return routing(type, value(headers, ROOM), parsedSeq, value(headers, USER), value(headers, CHANGE), value(headers, TO_USER));
    }

    private static void add(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String value(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
