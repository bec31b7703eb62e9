package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command the gateway forwards to a service over Kafka and awaits a {@link ServiceReply} for.
 *
 * @param op       what to do; null when the sender named an operation this version does not know
 * @param caller   the authenticated user, or null for anonymous calls (register, login, refresh)
 * @param body     the operation's input: one of the records in {@link Commands}, or a client's own JSON body
 *                 for the calls that pass it through (validated by the owning service, which alone knows the rules)
 * @param deadline epoch milliseconds after which the gateway has stopped waiting (its caller got 503): a service
 *                 that reads the command later drops it instead of doing work nobody will see; null: no deadline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRequest(Operation op, Caller caller, JsonNode body, Long deadline) {

    public ServiceRequest(Operation op, Caller caller, JsonNode body) {
        this(op, caller, body, null);
    }

    /** True once the deadline has passed at {@code nowMillis}. */
    public boolean isExpiredAt(long nowMillis) {
        return deadline != null && nowMillis > deadline;
    }

    public record Caller(String userId, String username, String sessionId) {
    }
}
