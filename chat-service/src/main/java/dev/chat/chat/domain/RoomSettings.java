package dev.chat.chat.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation.Result;
import dev.chat.contracts.ChatEvent.Retention;
import dev.chat.contracts.Problem.FieldError;

/**
 * An owner's change to a room's settings ({@code PATCH /api/rooms/{roomId}}): each of topic, retention and system lines
 * is changed only when the body names it. An empty topic clears it; a null (or empty) retention keeps everything.
 */
public record RoomSettings(UUID roomId, boolean setsTopic, String topic, boolean setsRetention, Retention retention,
        Boolean systemLines) {

    public static final int MAX_AGE_DAYS = 3650;
    /** Fewer would make a room forget the conversation on screen. */
    public static final int MIN_MESSAGES = 10;
    public static final int MAX_MESSAGES = 10_000_000;

    public static Result<RoomSettings> of(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!ChatValidation.isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = ChatValidation.uuid(body, "roomId", errors);
        boolean setsTopic = body.has("topic");
        String topic = ChatValidation.topicOf(body, errors);
        topic = topic == null || topic.isBlank() ? null : topic.strip();
        boolean setsRetention = body.has("retention");
        Retention retention = setsRetention ? retention(body.get("retention"), errors) : null;
        Boolean systemLines = null;
        if (body.has("systemLines")) {
            if (body.get("systemLines").isBoolean()) {
                systemLines = body.get("systemLines").asBoolean();
            } else {
                errors.add(new FieldError("systemLines", "true or false"));
            }
        }
        if (!setsTopic && !setsRetention && !body.has("systemLines")) {
            errors.add(new FieldError("topic", "name at least one of topic, retention and systemLines"));
        }
        return Result.of(new RoomSettings(roomId, setsTopic, topic, setsRetention, retention, systemLines), errors);
    }

    private static Retention retention(JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("retention", "an object {maxAgeDays?, maxMessages?}, or null to keep everything"));
            return null;
        }
        Integer maxAgeDays = bound(value, "maxAgeDays", 1, MAX_AGE_DAYS, errors);
        Integer maxMessages = bound(value, "maxMessages", MIN_MESSAGES, MAX_MESSAGES, errors);
        return maxAgeDays == null && maxMessages == null ? null : new Retention(maxAgeDays, maxMessages);
    }

    /** A whole number in range, as a JSON number; null when absent or null (no bound). */
    private static Integer bound(JsonNode retention, String field, int min, int max, List<FieldError> errors) {
        JsonNode value = retention.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            errors.add(new FieldError("retention." + field, "a whole number from " + min + " to " + max + ", or null"));
            return null;
        }
        return value.asInt();
    }
}
