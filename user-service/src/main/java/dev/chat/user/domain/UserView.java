package dev.chat.user.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's User. {@code email} only on the caller's own profile; {@code online} and {@code lastSeenAt}
 * only in user lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String id, String username, String email, Instant createdAt, Boolean online, Instant lastSeenAt) {

    public static UserView own(User user) {
        return new UserView(user.id().toString(), user.username(), user.email(), user.createdAt(), null, null);
    }

    public static UserView listed(User user, boolean online, Instant lastSeenAt) {
        return new UserView(user.id().toString(), user.username(), null, user.createdAt(), online, lastSeenAt);
    }
}
