package dev.chat.support;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;

/**
 * The request-reply envelope on the services' side: reading a gateway's command, writing the reply. A
 * service's outcome mapper builds its replies here, with the status it decides.
 */
public final class Envelopes {

    private final ObjectMapper mapper;

    public Envelopes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The command in a record's value; empty if it is not one (answered as unreadable, never thrown). */
    public Optional<ServiceRequest> read(String payload) {
        try {
            return Optional.ofNullable(mapper.readValue(payload, ServiceRequest.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * True for a command read after its deadline: the gateway has already answered its caller 503, so the service
     * drops it (no work, no reply) instead of doing what nobody waits for, which under a backlog only deepens it.
     * Null (unreadable) and commands without a deadline are never stale.
     */
    public static boolean isStale(ServiceRequest request, long nowMillis) {
        return request != null && request.isExpiredAt(nowMillis);
    }

    public String write(ServiceReply reply) {
        try {
            return mapper.writeValueAsString(reply);
        } catch (Exception e) {
            throw new IllegalStateException("a reply could not be written", e);
        }
    }

    /** A result; null for a reply without a body (204). */
    public ServiceReply result(int status, Object body) {
        return new ServiceReply(status, body == null ? null : mapper.valueToTree(body));
    }

    public ServiceReply problem(int status, String code, String detail) {
        return problem(Problem.of(status, code, detail));
    }

    public ServiceReply problem(Problem problem) {
        return new ServiceReply(problem.status(), mapper.valueToTree(problem));
    }

    public ServiceReply invalid(List<FieldError> errors) {
        return problem(Problem.validation(errors));
    }
}
