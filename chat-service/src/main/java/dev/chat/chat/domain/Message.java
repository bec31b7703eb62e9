package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

/** A stored message, as the contract's Message. */
public record Message(UUID id, UUID roomId, long seq, Sender sender, String text, String kind, String clientMsgId,
        Instant createdAt) {

    public static final String USER = "user";
    public static final String SYSTEM = "system";

    public record Sender(UUID id, String username) {
    }
}
