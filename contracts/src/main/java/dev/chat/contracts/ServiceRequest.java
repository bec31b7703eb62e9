package dev.chat.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command the gateway forwards to a service over Kafka and awaits a {@link ServiceReply} for.
 *
 * @param op     what to do; null when the sender named an operation this version does not know
 * @param caller the authenticated user, or null for anonymous calls (register, login, refresh)
 * @param body   the operation's input: one of the records in {@link Commands}, or a client's own JSON body
 *               for the calls that pass it through (validated by the owning service, which alone knows the rules)
 */
public record ServiceRequest(Operation op, Caller caller, JsonNode body) {

    public record Caller(String userId, String username, String sessionId) {
    }
}
