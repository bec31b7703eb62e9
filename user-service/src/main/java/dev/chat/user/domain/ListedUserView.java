package dev.chat.user.domain;

import java.time.Instant;

/**
 * A user as {@code GET /api/users} lists them: the contract's User with {@code online} and {@code lastSeenAt}, both
 * always present ({@code lastSeenAt} null for someone who has never connected). No email: that is for one's own
 * profile only.
 */
public record ListedUserView(String id, String username, Instant createdAt, boolean online, Instant lastSeenAt) {

    public static ListedUserView of(User user, boolean online, Instant lastSeenAt) {
        return new ListedUserView(user.id().toString(), user.username(), user.createdAt(), online, lastSeenAt);
    }
}
