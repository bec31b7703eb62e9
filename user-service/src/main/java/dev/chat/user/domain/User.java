package dev.chat.user.domain;

import java.time.Instant;
import java.util.UUID;

/** An account as stored. {@code passwordHash} never leaves this service. */
public record User(UUID id, String username, String email, String passwordHash, Instant createdAt) {

    /** Usernames are unique regardless of case: this is the form the uniqueness is checked on. */
    public static String keyOf(String username) {
        return username.toLowerCase(java.util.Locale.ROOT);
    }
}
