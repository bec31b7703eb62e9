package dev.chat.chat.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Ids;
import dev.chat.contracts.JsonInput;
import dev.chat.contracts.Limits;
import dev.chat.contracts.Problem.FieldError;

/** Input rules for rooms and messages. Pure, so each rule has a unit test. */
public final class ChatValidation {

    public static final int NAME_MAX = 64;
    public static final int TOPIC_MAX = 256;
    public static final int CLIENT_MSG_ID_MAX = 64;
    public static final int PASSWORD_MAX_BYTES = 72;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*");
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[\\x21-\\x7E]{1," + CLIENT_MSG_ID_MAX + "}");

    private ChatValidation() {
    }

    public record NewChannel(String name, String topic, String visibility, String password) {
    }

    /** A send: where, its idempotency key, its text, and the uploads it carries (none for most). */
    public record NewMessage(UUID roomId, String clientMsgId, String text, List<UUID> attachments) {
        public NewMessage(UUID roomId, String clientMsgId, String text) {
            this(roomId, clientMsgId, text, List.of());
        }

        public boolean hasAttachments() {
            return !attachments.isEmpty();
        }
    }

    public record MemberRef(UUID roomId, UUID userId) {
    }

    public record ReadMarker(UUID roomId, long seq) {
    }

    /** A member's reaction to a message: added when {@code on}, taken back otherwise. */
    public record Reaction(UUID roomId, long seq, String emoji, boolean on) {
    }

    /** A message named by its room and seq, and for an edit its new text (null for a deletion). */
    public record MessageChange(UUID roomId, long seq, String text) {
    }

    public record HistoryQuery(UUID roomId, Long afterSeq, Long beforeSeq, Instant since, Instant until, int limit) {
        /** Forward (catching up) with only a lower bound; otherwise backward from the upper bound or the newest. */
        public boolean forward() {
            return (afterSeq != null || since != null) && beforeSeq == null && until == null;
        }
    }

    /** A value or the reasons there is none. */
    public record Result<T>(T value, List<FieldError> errors) {
        static <T> Result<T> of(T value, List<FieldError> errors) {
            return errors.isEmpty() ? new Result<>(value, List.of()) : new Result<>(null, List.copyOf(errors));
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    public static Result<NewChannel> newChannel(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        String name = requiredText(body, "name", errors);
        name = name == null ? null : TextRules.clean("name", name, errors);
        if (name != null) {
            name = name.strip();
            if (name.codePointCount(0, name.length()) > NAME_MAX || !NAME.matcher(name).matches()) {
                errors.add(new FieldError("name", "1 to " + NAME_MAX
                        + " letters, digits, spaces, '_', '.' or '-', starting with a letter or digit"));
            } else if (Room.keyOf(name).equals(Room.GENERAL)) {
                errors.add(new FieldError("name", "'general' is the name of the general room"));
            }
        }
        String topic = topicOf(body, errors);
        String visibility = requiredText(body, "visibility", errors);
        if (visibility != null && !visibility.equals(Room.PUBLIC) && !visibility.equals(Room.PRIVATE)) {
            errors.add(new FieldError("visibility", "must be 'public' or 'private'"));
        }
        String password = optionalText(body, "password", errors);
        if (password != null && (password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES)) {
            errors.add(new FieldError("password", "1 to " + PASSWORD_MAX_BYTES + " bytes"));
        }
        return Result.of(new NewChannel(name, topic, visibility, password), errors);
    }

    /** A body naming a room: {@code {roomId}}. */
    public static Result<UUID> roomId(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = isObject(body, errors) ? uuid(body, "roomId", errors) : null;
        return Result.of(roomId, errors);
    }

    /** A body naming another user: {@code {userId}}. */
    public static Result<UUID> userId(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID userId = isObject(body, errors) ? uuid(body, "userId", errors) : null;
        return Result.of(userId, errors);
    }

    /** A body naming a member of a room: {@code {roomId, userId}}; the user is checked once the room is. */
    public static Result<MemberRef> memberRef(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = isObject(body, errors) ? uuid(body, "roomId", errors) : null;
        UUID userId = errors.isEmpty() ? uuid(body, "userId", errors) : null;
        return Result.of(new MemberRef(roomId, userId), errors);
    }

    /** A read marker: {@code {roomId, seq}}, seq a whole number, 0 or more. */
    public static Result<ReadMarker> readMarker(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        Long seq = requiredSeq(body, "seq", errors);
        return Result.of(errors.isEmpty() ? new ReadMarker(roomId, seq) : null, errors);
    }

    /** An edit: {@code {roomId, seq, text}}, the text under the same rules as a send's. */
    public static Result<MessageChange> messageEdit(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        Long seq = requiredSeq(body, "seq", errors);
        String text = textOf(body, errors);
        return Result.of(errors.isEmpty() ? new MessageChange(roomId, seq, text) : null, errors);
    }

    /** A deletion: {@code {roomId, seq}}. */
    public static Result<MessageChange> messageDeletion(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        Long seq = requiredSeq(body, "seq", errors);
        return Result.of(errors.isEmpty() ? new MessageChange(roomId, seq, null) : null, errors);
    }

    /** A reaction: {@code {roomId, seq, emoji, on}}, {@code on} true when absent. */
    public static Result<Reaction> reaction(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        Long seq = requiredSeq(body, "seq", errors);
        String emoji = requiredText(body, "emoji", errors);
        if (emoji != null && !Emoji.isSingle(emoji)) {
            errors.add(new FieldError("emoji", "one emoji, such as 👍"));
        }
        JsonNode on = body.get("on");
        if (on != null && !on.isNull() && !on.isBoolean()) {
            errors.add(new FieldError("on", "true or false"));
        }
        boolean add = on == null || on.isNull() || on.asBoolean();
        return Result.of(errors.isEmpty() ? new Reaction(roomId, seq, emoji, add) : null, errors);
    }

    /** An optional topic: at most {@link #TOPIC_MAX} characters, without control characters; null when absent. */
    static String topicOf(JsonNode body, List<FieldError> errors) {
        String topic = optionalText(body, "topic", errors);
        topic = topic == null ? null : TextRules.clean("topic", topic, errors);
        if (topic != null && topic.codePointCount(0, topic.length()) > TOPIC_MAX) {
            errors.add(new FieldError("topic", "at most " + TOPIC_MAX + " characters"));
        }
        return topic;
    }

    public static Result<NewMessage> newMessage(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        String clientMsgId = requiredText(body, "clientMsgId", errors);
        if (clientMsgId != null && !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            errors.add(new FieldError("clientMsgId", "1 to " + CLIENT_MSG_ID_MAX + " printable ASCII characters"));
        }
        List<UUID> attachments = attachmentIds(body, errors);
        // An image alone is a message: with attachments the text may be empty (or left out).
        JsonNode textNode = body.get("text");
        boolean noText = textNode == null || textNode.isNull() || textNode.isTextual() && textNode.asText().isEmpty();
        String text = attachments != null && !attachments.isEmpty() && noText ? "" : textOf(body, errors);
        return Result.of(new NewMessage(roomId, clientMsgId, text, attachments == null ? List.of() : attachments), errors);
    }

    /** {@code attachments}: absent, or 1 to {@link Limits#MAX_ATTACHMENTS} different upload ids. */
    static List<UUID> attachmentIds(JsonNode body, List<FieldError> errors) {
        JsonNode node = body.get("attachments");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > Limits.MAX_ATTACHMENTS) {
            errors.add(new FieldError("attachments", "a list of at most " + Limits.MAX_ATTACHMENTS + " attachment ids"));
            return null;
        }
        List<UUID> ids = new ArrayList<>(node.size());
        for (JsonNode id : node) {
            UUID parsed = id.isTextual() && id.asText().length() == 36 ? parseUuid(id.asText()) : null;
            if (parsed == null || ids.contains(parsed)) {
                errors.add(new FieldError("attachments", parsed == null ? "attachment ids are UUIDs" : "an attachment is named twice"));
                return null;
            }
            ids.add(parsed);
        }
        return ids;
    }

    private static UUID parseUuid(String text) {
        return Ids.parse(text);
    }

    /**
     * Message text: 1 to {@link Limits#MAX_TEXT_LENGTH} characters (code points), not only whitespace, under the
     * rules of {@link TextRules#clean}.
     */
    public static String textOf(JsonNode body, List<FieldError> errors) {
        String text = requiredText(body, "text", errors);
        text = text == null ? null : TextRules.clean("text", text, errors);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            errors.add(new FieldError("text", "must not be blank"));
            return null;
        }
        if (text.codePointCount(0, text.length()) > Limits.MAX_TEXT_LENGTH) {
            errors.add(new FieldError("text", "at most " + Limits.MAX_TEXT_LENGTH + " characters"));
            return null;
        }
        return text;
    }

    public static Result<HistoryQuery> historyQuery(JsonNode body, int defaultLimit, int maxLimit) {
        List<FieldError> errors = new ArrayList<>();
        if (!isObject(body, errors)) {
            return Result.of(null, errors);
        }
        UUID roomId = uuid(body, "roomId", errors);
        Long afterSeq = optionalSeq(body, "afterSeq", errors);
        Long beforeSeq = optionalSeq(body, "beforeSeq", errors);
        Instant since = optionalInstant(body, "since", errors);
        Instant until = optionalInstant(body, "until", errors);
        int limit = boundedInt(body, "limit", defaultLimit, 1, maxLimit, errors);
        return Result.of(new HistoryQuery(roomId, afterSeq, beforeSeq, since, until, limit), errors);
    }

    /** An optional whole number from {@code min} to {@code max}; {@code absent} when not given. */
    static int boundedInt(JsonNode body, String field, int absent, int min, int max, List<FieldError> errors) {
        if (!body.hasNonNull(field)) {
            return absent;
        }
        Long value = longOf(body.get(field));
        if (value == null || value < min || value > max) {
            errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
            return absent;
        }
        return value.intValue();
    }

    public static boolean isObject(JsonNode body, List<FieldError> errors) {
        return JsonInput.isObject(body, errors);
    }

    public static UUID uuid(JsonNode body, String field, List<FieldError> errors) {
        String text = requiredText(body, field, errors);
        if (text == null) {
            return null;
        }
        UUID id = Ids.parse(text);
        if (id == null) {
            errors.add(new FieldError(field, "must be a UUID"));
        }
        return id;
    }

    /** A required seq: a whole number, 0 or more. */
    public static Long requiredSeq(JsonNode body, String field, List<FieldError> errors) {
        if (!body.hasNonNull(field)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return optionalSeq(body, field, errors);
    }

    static Long optionalSeq(JsonNode body, String field, List<FieldError> errors) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        Long value = longOf(body.get(field));
        if (value == null || value < 0) {
            errors.add(new FieldError(field, "must be a whole number, 0 or more"));
            return null;
        }
        return value;
    }

    private static Instant optionalInstant(JsonNode body, String field, List<FieldError> errors) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        try {
            return Instant.parse(body.get(field).asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 UTC time such as 2026-11-22T10:00:00Z"));
            return null;
        }
    }

    /** Numbers arrive as JSON numbers (frames) or as strings (query parameters). */
    static Long longOf(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static String requiredText(JsonNode body, String field, List<FieldError> errors) {
        return JsonInput.requiredText(body, field, errors);
    }

    static String optionalText(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.asText();
    }
}
