package dev.chat.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error the gateway itself raises, as the contract's problem+json. */
public class ProblemMappers {

    /** A refused token (bad, expired, revoked) and a missing one answer alike: nothing to learn from the difference. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Replies.problem(Problem.of(401, ErrorCodes.UNAUTHORIZED, "missing, invalid, expired or revoked access token"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Replies.problem(Problem.of(403, ErrorCodes.FORBIDDEN, "not allowed"));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Replies.problem(Problem.of(400, ErrorCodes.VALIDATION_FAILED, "the body is not valid JSON"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> ErrorCodes.VALIDATION_FAILED;
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : "http_" + status;
        };
        return Replies.problem(Problem.of(status, code, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected failure", e);
        return Replies.problem(Problem.of(500, ErrorCodes.INTERNAL_ERROR, "something went wrong on our side"));
    }
}
