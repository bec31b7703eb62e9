package dev.chat.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import dev.chat.gateway.config.HttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * No request body over {@code HTTP_MAX_BODY_BYTES} (64 KiB): every body the API takes is a small JSON object, and a
 * bigger one is only memory and parsing time spent for nobody. A request that announces a bigger body is answered 413
 * {@code payload_too_large} before a byte of it is read, and its connection closed (the client may be sending it still).
 * A body sent without a length (chunked) is read here up to the limit, and refused the same way once it goes over:
 * Quarkus REST would stream it whatever its size ({@code quarkus.http.limits.max-body-size}, set from the same setting,
 * binds only Quarkus' own body handler).
 */
@ApplicationScoped
public class BodyLimit {

    /** After the security headers' filter, before the web client's caching. */
    static final int PRIORITY = 500;
    /** The body reader's refusal is a failure of the route; this answers it before Quarkus' own error page would. */
    private static final int FAILURE_ORDER = -5000;

    private final long maxBytes;
    private final String body;
    private final BodyHandler unannouncedBodies;

    public BodyLimit(HttpConfig config, ObjectMapper mapper) throws JsonProcessingException {
        this.maxBytes = config.maxBodyBytes();
        this.body = mapper.writeValueAsString(Problem.of(413, ErrorCodes.PAYLOAD_TOO_LARGE,
                "the request body is over " + maxBytes + " bytes, the most this API takes"));
        this.unannouncedBodies = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void install(@Observes Router router) {
        router.route().order(FAILURE_ORDER).failureHandler(this::failed);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (AttachmentUploadRoute.isUpload(request)) {
            // An image: the upload route counts it against its own, bigger limit as it streams in.
            context.next();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (isOver(length)) {
                tooLarge(context);
            } else {
                context.next();
            }
            return;
        }
        if (hasUnannouncedBody(request)) {
            // Reads the body into memory up to the limit and goes on (Quarkus REST takes the read body); over it, fails 413.
            unannouncedBodies.handle(context);
            return;
        }
        context.next();
    }

    private void failed(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            tooLarge(context);
        } else {
            context.next();
        }
    }

    private void tooLarge(RoutingContext context) {
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body);
    }

    /** Chunked (HTTP/1.1), or a request of a method with a body and no length (HTTP/2). */
    private static boolean hasUnannouncedBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        HttpMethod method = request.method();
        return request.version() == HttpVersion.HTTP_2
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            // Not a number: the HTTP layer refuses it on its own.
            return false;
        }
    }
}
