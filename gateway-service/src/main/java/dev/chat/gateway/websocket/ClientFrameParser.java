package dev.chat.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Ids;
import dev.chat.contracts.Limits;
import dev.chat.contracts.Operation;
import dev.chat.contracts.SketchEvent;
import dev.chat.gateway.websocket.ClientFrame.Rejected;
import dev.chat.gateway.websocket.ClientFrame.Resume.Position;

/**
 * Reads a client's text frame into a {@link ClientFrame}: the shape rules of the contract, each broken one named
 * in a {@link Rejected}. Membership, rate limits and what a service says are for the handler. Pure, so each rule
 * has a unit test.
 */
final class ClientFrameParser {

    /** The canvas commands, by frame type. */
    /** Longer than any emoji sequence (ten code points of two chars each); chat-service checks it is one. */
    private static final int MAX_EMOJI_CHARS = 32;
    private static final Map<String, Operation> SKETCH_COMMANDS = Map.of(
            SketchEvent.STROKE, Operation.SKETCH_STROKE,
            SketchEvent.UNDO, Operation.SKETCH_UNDO,
            SketchEvent.REDO, Operation.SKETCH_REDO,
            SketchEvent.CLEAR, Operation.SKETCH_CLEAR);

    private final ObjectMapper mapper;
    private final int maxFrameBytes;
    private final int maxTextLength;

    ClientFrameParser(ObjectMapper mapper, int maxFrameBytes, int maxTextLength) {
        this.mapper = mapper;
        this.maxFrameBytes = maxFrameBytes;
        this.maxTextLength = maxTextLength;
    }

    ClientFrame parse(String raw) {
        if (raw.length() > maxFrameBytes || raw.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
            return new Rejected("other", ErrorCodes.FRAME_TOO_LARGE, "frames are at most " + maxFrameBytes + " bytes", null);
        }
        JsonNode frame;
        try {
            frame = mapper.readTree(raw);
        } catch (Exception e) {
            return new Rejected("other", ErrorCodes.INVALID_FRAME, "the frame is not JSON", null);
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return new Rejected("other", ErrorCodes.INVALID_FRAME, "a frame is a JSON object with a string 'type'", null);
        }
        String type = frame.get("type").asText();
        return switch (type) {
            case "ping" -> new ClientFrame.Ping();
            case "send" -> send(frame);
            case "read" -> read(frame);
            case "edit" -> edit(frame);
            case "delete" -> delete(frame);
            case "react" -> react(frame);
            case "typing" -> typing(frame);
            case "resume" -> resume(frame);
            case "sketch.resume" -> sketchResume(frame);
            case "sketch.draw" -> sketch("sketch.draw", frame);
            default -> SKETCH_COMMANDS.containsKey(type)
                    ? sketch(type, frame)
                    : new Rejected("other", ErrorCodes.UNKNOWN_TYPE, "unknown frame type '" + type + "'", type);
        };
    }

    private ClientFrame send(JsonNode frame) {
        String clientMsgId = frame.path("clientMsgId").isTextual() ? frame.get("clientMsgId").asText() : null;
        String ref = clientMsgId != null ? clientMsgId : "send";
        String roomId = roomIdOf(frame);
        if (clientMsgId == null || clientMsgId.isBlank()) {
            return invalid("send", "send needs a clientMsgId", ref);
        }
        if (roomId == null) {
            return invalid("send", "send needs a roomId (a UUID)", ref);
        }
        List<String> attachments = attachmentsOf(frame.get("attachments"));
        if (attachments == null) {
            return invalid("send", "attachments are at most " + Limits.MAX_ATTACHMENTS + " different attachment ids (UUIDs)", ref);
        }
        JsonNode text = frame.get("text");
        // An image alone is a message: with attachments the text may be empty or left out.
        boolean imageOnly = !attachments.isEmpty() && (text == null || text.isNull() || text.isTextual() && text.asText().isEmpty());
        if (!imageOnly && (text == null || !text.isTextual() || text.asText().isBlank())) {
            return invalid("send", "send needs a non-blank text", ref);
        }
        String value = imageOnly ? "" : text.asText();
        if (value.codePointCount(0, value.length()) > maxTextLength) {
            return invalid("send", "text is at most " + maxTextLength + " characters", ref);
        }
        return new ClientFrame.Send(roomId, clientMsgId, value, attachments);
    }

    /** Absent: none; else 1 to {@link Limits#MAX_ATTACHMENTS} different UUIDs; null when the shape is wrong. */
    private static List<String> attachmentsOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.isEmpty() || value.size() > Limits.MAX_ATTACHMENTS) {
            return null;
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            String parsed = uuidOf(id);
            if (parsed == null || ids.contains(parsed)) {
                return null;
            }
            ids.add(parsed);
        }
        return ids;
    }

    private ClientFrame edit(JsonNode frame) {
        String roomId = roomIdOf(frame);
        Long seq = seqOf(frame);
        if (roomId == null || seq == null) {
            return invalid("edit", "edit needs a roomId and the seq of the message (a whole number, 1 or more)", "edit");
        }
        JsonNode text = frame.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            return invalid("edit", "edit needs a non-blank text", "edit");
        }
        String value = text.asText();
        if (value.codePointCount(0, value.length()) > maxTextLength) {
            return invalid("edit", "text is at most " + maxTextLength + " characters", "edit");
        }
        return new ClientFrame.Edit(roomId, seq, value);
    }

    private ClientFrame delete(JsonNode frame) {
        String roomId = roomIdOf(frame);
        Long seq = seqOf(frame);
        if (roomId == null || seq == null) {
            return invalid("delete", "delete needs a roomId and the seq of the message (a whole number, 1 or more)", "delete");
        }
        return new ClientFrame.Delete(roomId, seq);
    }

    /** The shape only: whether it is one emoji is chat-service's rule, answered as a refusal with ref "react". */
    private ClientFrame react(JsonNode frame) {
        String roomId = roomIdOf(frame);
        Long seq = seqOf(frame);
        if (roomId == null || seq == null) {
            return invalid("react", "react needs a roomId and the seq of the message (a whole number, 1 or more)", "react");
        }
        JsonNode emoji = frame.get("emoji");
        if (emoji == null || !emoji.isTextual() || emoji.asText().isEmpty() || emoji.asText().length() > MAX_EMOJI_CHARS) {
            return invalid("react", "react needs an emoji", "react");
        }
        JsonNode on = frame.get("on");
        if (on != null && !on.isBoolean()) {
            return invalid("react", "on is true (add the reaction) or false (take it back)", "react");
        }
        return new ClientFrame.React(roomId, seq, emoji.asText(), on == null || on.asBoolean());
    }

    /** A message's seq: a whole number, 1 or more; null otherwise. */
    private static Long seqOf(JsonNode frame) {
        JsonNode seq = frame.path("seq");
        return seq.isIntegralNumber() && seq.canConvertToLong() && seq.asLong() >= 1 ? seq.asLong() : null;
    }

    private ClientFrame read(JsonNode frame) {
        String roomId = roomIdOf(frame);
        JsonNode seq = frame.path("seq");
        if (roomId == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.asLong() < 0) {
            return invalid("read", "read needs a roomId and a seq (a whole number, 0 or more)", "read");
        }
        return new ClientFrame.Read(roomId, seq.asLong());
    }

    private ClientFrame typing(JsonNode frame) {
        String roomId = roomIdOf(frame);
        if (roomId == null) {
            return invalid("typing", "typing needs a roomId (a UUID)", "typing");
        }
        return new ClientFrame.Typing(roomId);
    }

    private ClientFrame resume(JsonNode frame) {
        JsonNode positions = frame.get("positions");
        if (positions == null || !positions.isObject()) {
            return invalid("resume", "resume needs positions: {roomId: lastSeenSeq}", "resume");
        }
        List<Position> rooms = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = positions.fields(); it.hasNext();) {
            var entry = it.next();
            JsonNode seq = entry.getValue();
            rooms.add(new Position(entry.getKey(), seq.isIntegralNumber() && seq.asLong() >= 0 ? seq.asLong() : null));
        }
        return new ClientFrame.Resume(rooms);
    }

    /** The room and the ref; the stroke's own rules are the sketch service's (or, for a preview, the handler's). */
    private ClientFrame sketch(String type, JsonNode frame) {
        JsonNode strokeId = frame.get("strokeId");
        String ref = strokeId != null && strokeId.isTextual() && !strokeId.asText().isBlank() ? strokeId.asText() : type;
        String roomId = roomIdOf(frame);
        if (roomId == null) {
            return invalid(type, type + " needs a roomId (a UUID)", ref);
        }
        if (SketchEvent.DRAW.equals(type)) {
            return new ClientFrame.SketchDraw(roomId, ref, frame);
        }
        return new ClientFrame.Sketch(type, SKETCH_COMMANDS.get(type), roomId, ref, frame);
    }

    private ClientFrame sketchResume(JsonNode frame) {
        String roomId = roomIdOf(frame);
        JsonNode afterSeq = frame.path("afterSeq");
        if (roomId == null || !afterSeq.isIntegralNumber() || !afterSeq.canConvertToLong() || afterSeq.asLong() < 0) {
            return invalid("sketch.resume", "sketch.resume needs a roomId and an afterSeq (a whole number, 0 or more)", "sketch.resume");
        }
        return new ClientFrame.SketchResume(roomId, afterSeq.asLong());
    }

    private static Rejected invalid(String type, String message, String ref) {
        return new Rejected(type, ErrorCodes.VALIDATION_FAILED, message, ref);
    }

    private static String roomIdOf(JsonNode frame) {
        return uuidOf(frame.get("roomId"));
    }

    /** The id in its canonical lower-case form, or null when the value names none. */
    private static String uuidOf(JsonNode value) {
        UUID id = value == null || !value.isTextual() ? null : Ids.parse(value.asText());
        return id == null ? null : id.toString();
    }
}
