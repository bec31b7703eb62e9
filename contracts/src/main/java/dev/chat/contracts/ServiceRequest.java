package dev.chat.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command the gateway forwards to a service over Kafka and awaits a {@link ServiceReply} for.
 *
 * @param op     what to do, e.g. {@code auth.register}
 * @param caller the authenticated user, or null for anonymous calls (register, login, refresh)
 * @param body   the call's input as the client sent it (validated by the service), or parameters
 */
public record ServiceRequest(String op, Caller caller, JsonNode body) {

    public record Caller(String userId, String username, String sessionId) {
    }
}
