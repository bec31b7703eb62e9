package dev.chat.contracts;

import java.time.Instant;

/** A fact about a user on {@link Topics#USER_EVENTS}, keyed by user id. */
public record UserEvent(String type, String userId, String username, Instant createdAt) {
    public static final String REGISTERED = "registered";
}
