package dev.chat.chat.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Events on chat.events are exactly the WebSocket frames members get, so gateways forward them without
 * re-serialising; {@code roomId} is always there for routing.
 */
public final class Frames {

    private Frames() {
    }

    public static Map<String, Object> message(Message message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message");
        frame.put("id", message.id());
        frame.put("roomId", message.roomId());
        frame.put("seq", message.seq());
        frame.put("sender", message.sender());
        frame.put("text", message.text());
        frame.put("kind", message.kind());
        frame.put("clientMsgId", message.clientMsgId());
        frame.put("createdAt", message.createdAt());
        return frame;
    }

    public static Map<String, Object> member(UUID roomId, UUID userId, String username, String event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "member");
        frame.put("roomId", roomId);
        frame.put("userId", userId);
        frame.put("username", username);
        frame.put("event", event);
        return frame;
    }

    public static Map<String, Object> room(UUID roomId, String event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "room");
        frame.put("roomId", roomId);
        frame.put("event", event);
        return frame;
    }

    public static Map<String, Object> read(UUID roomId, UUID userId, long seq) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "read");
        frame.put("roomId", roomId);
        frame.put("userId", userId);
        frame.put("seq", seq);
        return frame;
    }
}
