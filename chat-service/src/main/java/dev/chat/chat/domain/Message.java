package dev.chat.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored message, as the contract's Message. {@code editedAt} is set once its author changed its text; a deleted
 * message keeps its seq with {@code deleted} true and no text. {@code reactions} counts the members who reacted with
 * each emoji (in the order the emoji were first used), {@code myReactions} lists the reader's own: both only in
 * history, which is read for one caller. {@code attachments} are the images it carries, in the order sent (none once
 * deleted). Unset ones are left out of the JSON.
 */
public record Message(UUID id, UUID roomId, long seq, Sender sender, @JsonInclude(JsonInclude.Include.NON_NULL) String text,
        String kind, String clientMsgId, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> reactions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> myReactions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments) {

    public static final String USER = "user";
    public static final String SYSTEM = "system";

    /** A message as sent: neither edited nor deleted, nor reacted to. */
    public Message(UUID id, UUID roomId, long seq, Sender sender, String text, String kind, String clientMsgId, Instant createdAt) {
        this(id, roomId, seq, sender, text, kind, clientMsgId, createdAt, null, false, Map.of(), List.of(), List.of());
    }

    /** This message carrying {@code images}, in the order sent. */
    public Message withAttachments(List<Attachment> images) {
        return new Message(id, roomId, seq, sender, text, kind, clientMsgId, createdAt, editedAt, deleted, reactions, myReactions,
                images);
    }

    public boolean isSystem() {
        return SYSTEM.equals(kind);
    }

    public record Sender(UUID id, String username) {
    }
}
