package dev.chat.user.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's User as its owner sees it (with email); lists use {@link ListedUserView}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String id, String username, String email, Instant createdAt) {

    public static UserView own(User user) {
        return new UserView(user.id().toString(), user.username(), user.email(), user.createdAt());
    }
}
