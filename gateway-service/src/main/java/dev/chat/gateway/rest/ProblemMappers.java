package dev.chat.gateway.rest;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error the gateway itself raises, as the contract's problem+json: a stable code and one line a person
 * understands, never the framework's wording.
 */
public class ProblemMappers {

    /** Jackson's own pointer into its input, which says nothing to a client ("[Source: REDACTED ...; line: 1, column: 2]"). */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?");

    /** A refused token (bad, expired, revoked) and a missing one answer alike: nothing to learn from the difference. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Replies.problem(Problem.of(401, ErrorCodes.UNAUTHORIZED, "missing, invalid, expired or revoked access token"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Replies.problem(Problem.of(403, ErrorCodes.FORBIDDEN, "not allowed"));
    }

    /** A body that is not JSON at all, or JSON that ends early: where and what, as a validation error of the body. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Replies.problem(Problem.validation(List.of(new Problem.FieldError("body", describe(e)))));
    }

    @ServerExceptionMapper
    public Response notJson(NotSupportedException e, HttpHeaders headers) {
        String given = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Replies.problem(Problem.of(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "send the body as JSON with Content-Type: "
                + "application/json" + (given == null || given.isBlank() ? " (none was given)" : " (not " + given + ")")));
    }

    @ServerExceptionMapper
    public Response noSuchPath(NotFoundException e, HttpServerRequest request) {
        return Replies.problem(Problem.of(404, ErrorCodes.NOT_FOUND, "no such endpoint: " + request.method() + " " + request.path()
                + "; the API is described at /q/openapi"));
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e, HttpServerRequest request) {
        Set<String> allowed = AllowedMethods.of(request.path());
        Problem problem = Problem.of(405, ErrorCodes.METHOD_NOT_ALLOWED, request.path() + " does not take " + request.method()
                + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed)));
        return Response.fromResponse(Replies.problem(problem)).allow(allowed).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return Replies.problem(Problem.of(406, ErrorCodes.NOT_ACCEPTABLE,
                "answers are application/json (errors application/problem+json); the Accept header admits neither"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
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

    /** "not valid JSON at line 1, column 2: Unexpected character ('n' (code 110)): was expecting double-quote ...". */
    static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "" : SOURCE.matcher(e.getOriginalMessage()).replaceAll("");
        what = what.replaceAll("\\s+", " ").strip();
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "not valid JSON" + where + (what.isEmpty() ? "" : ": " + what);
    }
}
