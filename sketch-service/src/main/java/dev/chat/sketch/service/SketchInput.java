package dev.chat.sketch.service;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.SketchRules;

/** Reading the ids and numbers of a command's body, each wrong one named in the errors. */
final class SketchInput {

    private SketchInput() {
    }

    static UUID roomId(JsonNode body, List<FieldError> errors) {
        UUID roomId = body == null ? null : SketchRules.uuid(body.get("roomId"));
        if (roomId == null) {
            errors.add(new FieldError("roomId", "must be a room id (UUID)"));
        }
        return roomId;
    }

    /** An optional id: null when absent, an error when present and not a UUID. */
    static UUID optionalId(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        UUID id = SketchRules.uuid(value);
        if (id == null) {
            errors.add(new FieldError(field, "must be a UUID"));
        }
        return id;
    }

    /**
     * An optional whole number from {@code min} to {@code max}, given as a number or as the text of one (query
     * parameters arrive as text); {@code fallback} when absent.
     */
    static long number(JsonNode body, String field, long min, long max, long fallback, List<FieldError> errors) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        long parsed;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            parsed = value.asLong();
        } else if (value.isTextual() && value.textValue().matches("\\d{1,18}")) {
            parsed = Long.parseLong(value.textValue());
        } else {
            errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        if (parsed < min || parsed > max) {
            errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return parsed;
    }
}
