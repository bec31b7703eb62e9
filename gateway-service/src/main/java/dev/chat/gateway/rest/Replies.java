package dev.chat.gateway.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.chat.contracts.Problem;
import dev.chat.contracts.ServiceReply;

/** A service's reply as the HTTP answer: its status, its body, problem+json for errors. */
final class Replies {

    private Replies() {
    }

    static Response toResponse(ServiceReply reply) {
        if (reply.status() == 204 || reply.body() == null || reply.body().isNull()) {
            return Response.status(reply.status()).build();
        }
        return Response.status(reply.status())
                .type(reply.isError() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(reply.body())
                .build();
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
