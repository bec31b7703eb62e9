package dev.chat.gateway.rest;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Ids;
import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.AttachmentClient;
import dev.chat.gateway.security.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/rooms/{roomId}/attachments}: an image as the multipart part {@code file}. The part is counted while it
 * streams in and the upload is refused (413) the moment it passes ATTACHMENT_MAX_BYTES, so the most a gateway holds is
 * that much per upload, for at most {@code maxConcurrentUploads} uploads at once. The bytes go on to chat-service, which
 * decides the type by sniffing, bounds the dimensions, strips metadata, makes the thumbnail and stores it.
 *
 * <p>A Vert.x route rather than a resource: Quarkus caps every body at the API's 64 KiB before a resource sees it
 * ({@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}), and would buffer a multipart body whole. This route runs before that
 * cap, after the security headers' and the body limit's filters ({@link BodyLimit} lets it through), and checks the
 * bearer token itself with the WebSocket's verifier (signature, expiry, revoked sessions).
 */
@ApplicationScoped
public class AttachmentUploadRoute {

    static final String PATH = "/api/rooms/:roomId/attachments";
    /** Before Quarkus' body size check (-2), after the filters (negative priorities, -100 and below). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** The multipart envelope around the file: boundaries and part headers. More is refused as too large. */
    static final int ENVELOPE_BYTES = 16 * 1024;
    private static final Pattern UPLOAD_PATH = Pattern.compile("^/api/rooms/[^/]+/attachments/?$");
    private static final String FILE_PART = "file";

    private final AttachmentClient attachments;
    private final TokenVerifier tokens;
    private final ObjectMapper mapper;
    private final int maxBytes;
    private final long retryAfterSeconds;
    private final Slots uploads;
    private final MeterRegistry metrics;

    public AttachmentUploadRoute(AttachmentClient attachments, TokenVerifier tokens, ObjectMapper mapper, GatewayConfig config,
            MeterRegistry metrics) {
        this.attachments = attachments;
        this.tokens = tokens;
        this.mapper = mapper;
        this.maxBytes = config.attachments().maxBytes();
        this.uploads = new Slots(config.attachments().maxConcurrentUploads());
        this.retryAfterSeconds = Math.max(1, (config.overload().retryAfter().toMillis() + 999) / 1000);
        this.metrics = metrics;
        metrics.gauge("gateway.attachments.uploads.in.progress", uploads, Slots::taken);
    }

    /** Whether a request is an upload: the body limit's filter leaves those to this route. */
    static boolean isUpload(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && UPLOAD_PATH.matcher(request.path()).matches();
    }

    void install(@Observes Router router) {
        router.post(PATH).order(ORDER).handler(this::upload);
    }

    private void upload(RoutingContext context) {
        HttpServerRequest request = context.request();
        // The header only: a token in an upload's URL would end up in logs and browser history.
        Optional<Caller> caller = tokens.verify(TokenVerifier.tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION), null));
        if (caller.isEmpty()) {
            refuse(context, Problem.of(401, ErrorCodes.UNAUTHORIZED, "a valid access token is required"));
            return;
        }
        String roomId = context.pathParam("roomId");
        if (!Ids.isId(roomId)) {
            refuse(context, Problem.validation(List.of(new FieldError("roomId", "a room id (UUID)"))));
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            refuse(context, Problem.of(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "an upload is multipart/form-data with the image as the part \"file\""));
            return;
        }
        if (announcedOver(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            tooLarge(context, true);
            return;
        }
        if (!uploads.tryTake()) {
            count("overloaded");
            context.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
            refuse(context, Problem.of(503, ErrorCodes.OVERLOADED, "too many uploads at once here; try again shortly"));
            return;
        }
        new Reception(context, caller.get(), roomId).start();
    }

    /** One upload as it streams in: the file part's bytes, up to the limit. */
    private final class Reception {
        private final RoutingContext context;
        private final Caller caller;
        private final String roomId;
        private final ByteArrayOutputStream file = new ByteArrayOutputStream();
        private long received;
        private int fileParts;
        private String refusal;
        private boolean answered;
        private boolean released;

        Reception(RoutingContext context, Caller caller, String roomId) {
            this.context = context;
            this.caller = caller;
            this.roomId = roomId;
        }

        void start() {
            HttpServerRequest request = context.request();
            request.setExpectMultipart(true);
            request.uploadHandler(this::part);
            request.exceptionHandler(failure -> {
                Log.debugf("an upload broke off: %s", failure.toString());
                release();
            });
            request.endHandler(ended -> finish());
            request.resume();
        }

        private void part(HttpServerFileUpload upload) {
            boolean isFile = FILE_PART.equals(upload.name()) && ++fileParts == 1;
            if (!isFile && refusal == null) {
                refusal = FILE_PART.equals(upload.name()) ? "one file an upload" : "the only part is \"file\"";
            }
            upload.handler(chunk -> take(chunk, isFile));
        }

        private void take(Buffer chunk, boolean isFile) {
            received += chunk.length();
            if (answered) {
                // Refused already: what still comes is read and dropped, up to a bound, so the client reads the answer.
                if (received > 2L * maxBytes + ENVELOPE_BYTES) {
                    context.request().connection().close();
                }
                return;
            }
            if (received > maxBytes) {
                tooLarge(context, false);
                answered = true;
                release();
                return;
            }
            if (isFile && refusal == null) {
                file.write(chunk.getBytes(), 0, chunk.length());
            }
        }

        private void finish() {
            if (answered) {
                return;
            }
            answered = true;
            if (refusal != null || fileParts == 0) {
                release();
                refuse(context, Problem.validation(List.of(new FieldError(FILE_PART, refusal != null ? refusal
                        : "the image, as the multipart part \"file\""))));
                return;
            }
            attachments.upload(caller, roomId, file.toByteArray()).subscribe().with(answer -> {
                release();
                count(String.valueOf(answer.status()));
                String type = answer.headers().get(HttpHeaders.CONTENT_TYPE);
                context.response().setStatusCode(answer.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, type == null ? "application/json" : type)
                        .end(Buffer.buffer(answer.body()));
            }, failure -> {
                release();
                Log.warnf("an upload could not reach chat-service: %s", failure.toString());
                count("unavailable");
                refuse(context, Problem.of(503, ErrorCodes.SERVICE_UNAVAILABLE, "the image store did not answer; try again"));
            });
        }

        private void release() {
            if (!released) {
                released = true;
                uploads.giveBack();
            }
        }
    }

    private boolean announcedOver(String length) {
        try {
            return length != null && Long.parseLong(length.trim()) > (long) maxBytes + ENVELOPE_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void tooLarge(RoutingContext context, boolean closeAfter) {
        count("too_large");
        if (closeAfter) {
            // Announced too big: nothing of it is worth reading.
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        refuse(context, Problem.of(413, ErrorCodes.PAYLOAD_TOO_LARGE, "an image is at most " + maxBytes + " bytes"));
    }

    private void refuse(RoutingContext context, Problem problem) {
        if (context.response().ended()) {
            return;
        }
        if (problem.status() == 401) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(problem.status()).end();
        }
    }

    private void count(String outcome) {
        metrics.counter("gateway.attachments.uploads", "outcome", outcome).increment();
    }

}
