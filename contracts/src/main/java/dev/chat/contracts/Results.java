package dev.chat.contracts;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of services' results that the gateway reads itself (most results it passes to the client as they
 * are). Each is read straight off the reply's parsed body by {@code from}: these sit on the message path, where a
 * data-binding conversion (a copy of the tree, and a parse and a format of every timestamp) cost measurably more
 * than the fields it yields (bench/README.md, S3). Fields a service adds are ignored.
 */
public final class Results {

    private Results() {
    }

    /** rooms.positions: one of the caller's rooms and its newest seq, for the WebSocket welcome. */
    public record RoomPosition(String roomId, long lastSeq) {

        /** The positions of a rooms.positions result, an array. */
        public static List<RoomPosition> listFrom(JsonNode body) {
            List<RoomPosition> positions = new ArrayList<>(body.size());
            for (JsonNode position : body) {
                positions.add(new RoomPosition(position.path("roomId").asText(), position.path("lastSeq").asLong()));
            }
            return positions;
        }
    }

    /**
     * messages.send: the stored message, as much of it as an {@code ack} frame carries. {@code createdAt} stays the
     * text the service wrote (ISO-8601, milliseconds): the ack repeats it, so it is never parsed here.
     */
    public record StoredMessage(String id, long seq, String createdAt) {

        public static StoredMessage from(JsonNode body) {
            return new StoredMessage(body.path("id").asText(), body.path("seq").asLong(), body.path("createdAt").asText(null));
        }
    }

    /**
     * messages.history: a page in ascending seq. Each message stays the JSON object the service sent: the gateway
     * forwards it to the client as a {@code message} frame without reading its fields.
     */
    /** {@code evictedBefore}: the lowest seq the room keeps once its retention evicted older ones; null if none. */
    public record HistoryPage(List<ObjectNode> messages, boolean hasMore, Long evictedBefore) {

        public static HistoryPage from(JsonNode body) {
            List<ObjectNode> messages = new ArrayList<>(body.path("messages").size());
            for (JsonNode message : body.path("messages")) {
                if (message.isObject()) {
                    messages.add((ObjectNode) message);
                }
            }
            JsonNode evictedBefore = body.path("evictedBefore");
            return new HistoryPage(messages, body.path("hasMore").asBoolean(false),
                    evictedBefore.canConvertToLong() ? evictedBefore.asLong() : null);
        }
    }
}
