package dev.chat.gateway.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Problem;
import dev.chat.contracts.ServiceReply;
import dev.chat.gateway.messaging.ServiceClient;

/** A service's reply as the HTTP answer: its status, its body, problem+json for errors. */
final class Replies {

    private Replies() {
    }

    static Response toResponse(ServiceReply reply) {
        if (reply.status() == 204 || reply.body() == null || reply.body().isNull()) {
            return Response.status(reply.status()).build();
        }
        Response.ResponseBuilder response = Response.status(reply.status())
                .type(reply.isError() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(reply.body());
        JsonNode retryAfterMs = reply.body().get(ServiceClient.RETRY_AFTER_MS);
        if (reply.isError() && retryAfterMs != null && retryAfterMs.canConvertToLong()) {
            // Whole seconds, rounded up: waiting a little longer than asked is fine, shorter is not.
            response.header("Retry-After", Math.max(1, (retryAfterMs.asLong() + 999) / 1000));
        }
        return response.build();
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
