package dev.chat.contracts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fact about a user on {@link Topics#USER_EVENTS}, keyed by user id.
 *
 * @param type      {@link #REGISTERED} or {@link #PRESENCE}
 * @param createdAt when the account was made (registered)
 * @param status    {@code online} or {@code offline} (presence)
 * @param at        when the presence changed (presence)
 * @param version   the user's presence version: grows with every change, so a reader can drop a stale one (presence)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(String type, String userId, String username, Instant createdAt, String status, Instant at, Long version) {

    public static final String REGISTERED = "registered";
    public static final String PRESENCE = "presence";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public static UserEvent registered(String userId, String username, Instant createdAt) {
        return new UserEvent(REGISTERED, userId, username, createdAt, null, null, null);
    }

    public static UserEvent presence(String userId, String username, boolean online, Instant at, long version) {
        return new UserEvent(PRESENCE, userId, username, null, online ? ONLINE : OFFLINE, at, version);
    }
}
