package dev.chat.user.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An account as stored. {@code passwordHash} never leaves this service; {@code lastSeenAt} is when the user's
 * presence last changed (null if never connected).
 */
public record User(UUID id, String username, String email, String passwordHash, Instant createdAt, Instant lastSeenAt) {

    public User(UUID id, String username, String email, String passwordHash, Instant createdAt) {
        this(id, username, email, passwordHash, createdAt, null);
    }

    /** Usernames are unique regardless of case: this is the form the uniqueness is checked on. */
    public static String keyOf(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
