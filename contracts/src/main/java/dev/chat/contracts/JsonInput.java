package dev.chat.contracts;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Problem.FieldError;

/** Reading fields of a client's JSON input, collecting what is wrong as field errors instead of failing. */
public final class JsonInput {

    private JsonInput() {
    }

    /** True for a JSON object; records a {@code body} error otherwise. */
    public static boolean isObject(JsonNode body, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            return false;
        }
        return true;
    }

    /** A required, non-blank string field; records an error and returns null otherwise. */
    public static String requiredText(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        return value.asText();
    }
}
