package dev.chat.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A call without a body is read as one with an empty JSON body, whatever Content-Type it names or leaves out:
 * {@code POST /api/rooms/{id}/join} with nothing (the password is optional), or a logout, is not refused with 415
 * for the type of a body it does not have. A body that is there must still be sent as JSON.
 */
public class BodilessRequests {

    @ServerRequestFilter(preMatching = true)
    public void emptyBodyIsJson(ContainerRequestContext request) {
        if (hasNoBody(request) && request.getUriInfo().getPath().startsWith("/api/")) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /** HTTP/1.1: a request has a body only if it says how long it is (Content-Length above 0) or that it is chunked. */
    private static boolean hasNoBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length == null ? request.getHeaderString("Transfer-Encoding") == null : "0".equals(length.strip());
    }
}
