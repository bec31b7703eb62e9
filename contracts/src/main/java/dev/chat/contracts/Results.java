package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of services' results that the gateway reads itself (most results it passes to the client as they
 * are). Unknown fields are ignored, so a service may add to a result without breaking older gateways.
 */
public final class Results {

    private Results() {
    }

    /** rooms.positions: one of the caller's rooms and its newest seq, for the WebSocket welcome. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoomPosition(String roomId, long lastSeq) {
    }

    /** messages.send: the stored message, as much of it as an {@code ack} frame carries. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredMessage(String id, long seq, Instant createdAt) {
    }

    /**
     * messages.history: a page in ascending seq. Each message stays a JSON object: the gateway forwards it to the
     * client as a {@code message} frame without re-reading its fields.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryPage(List<ObjectNode> messages, boolean hasMore) {
    }
}
