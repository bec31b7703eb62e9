package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored message, as the contract's Message. {@code editedAt} is set once its author changed its text; a deleted
 * message keeps its seq with {@code deleted} true and no text. Both are left out of the JSON while unset.
 */
public record Message(UUID id, UUID roomId, long seq, Sender sender, @JsonInclude(JsonInclude.Include.NON_NULL) String text,
        String kind, String clientMsgId, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted) {

    public static final String USER = "user";
    public static final String SYSTEM = "system";

    /** A message as sent: neither edited nor deleted. */
    public Message(UUID id, UUID roomId, long seq, Sender sender, String text, String kind, String clientMsgId, Instant createdAt) {
        this(id, roomId, seq, sender, text, kind, clientMsgId, createdAt, null, false);
    }

    public record Sender(UUID id, String username) {
    }
}
