package dev.chat.chat.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.messaging.ChatReplies;
import dev.chat.chat.repository.AttachmentStore.Variant;
import dev.chat.chat.service.AttachmentService;
import dev.chat.chat.service.Outcome;
import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.Ids;
import dev.chat.contracts.InternalRequest;
import dev.chat.contracts.Problem;
import dev.chat.contracts.ServiceReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The gateways' HTTP door to attachments, for the bytes that must not travel through Kafka: an upload's image in, an
 * image or thumbnail out. Not public: only gateways reach it (deploy/k8s lets no one else to chat-service's port), and
 * each call carries a signed {@link InternalRequest} naming the caller, the body's hash and a deadline, checked before
 * anything is read or stored. The body is read up to ATTACHMENT_MAX_BYTES and refused (413) past it.
 */
@ApplicationScoped
public class AttachmentRoutes {

    static final String PATH = "/internal/attachments";

    private final AttachmentService attachments;
    private final ChatReplies replies;
    private final ObjectMapper mapper;
    private final CommandSignature signature;
    private final ChatConfig.Attachments config;
    private final Counter unsigned;

    public AttachmentRoutes(AttachmentService attachments, ChatReplies replies, ObjectMapper mapper, ChatConfig config,
            @ConfigProperty(name = "chat.command-signing.secrets") List<String> secrets, MeterRegistry metrics) {
        this.attachments = attachments;
        this.replies = replies;
        this.mapper = mapper;
        this.config = config.attachments();
        this.signature = CommandSignature.fromSecrets(secrets);
        this.unsigned = metrics.counter("chat.commands.unsigned");
    }

    void routes(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(config.maxBytes())).handler(this::upload);
        router.get(PATH + "/:id/:variant").handler(this::read);
    }

    private void upload(RoutingContext context) {
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        Optional<InternalRequest> request = verified(context, InternalRequest.UPLOAD, body);
        if (request.isEmpty()) {
            return;
        }
        UUID roomId = uuid(request.get().roomId());
        if (roomId == null) {
            write(context, new Outcome.Missing("no such room"));
            return;
        }
        answer(context, attachments.upload(request.get().caller(), roomId, body));
    }

    private void read(RoutingContext context) {
        Optional<InternalRequest> request = verified(context, InternalRequest.READ, new byte[0]);
        if (request.isEmpty()) {
            return;
        }
        UUID id = uuid(context.pathParam("id"));
        Variant variant = "thumbnail".equals(context.pathParam("variant")) ? Variant.THUMBNAIL : Variant.ORIGINAL;
        // The signed request names what it is for: a signature for one attachment reads no other.
        if (id == null || !id.toString().equals(request.get().attachmentId())
                || !variant.name().equalsIgnoreCase(String.valueOf(request.get().variant()))) {
            write(context, new Outcome.Missing("no such attachment"));
            return;
        }
        // An attachment never changes: its id and variant are its version. A copy the gateway's client holds costs a
        // membership check and no bytes.
        String etag = "\"" + id + "-" + variant.name().toLowerCase() + "\"";
        context.response().putHeader("ETag", etag);
        String ifNoneMatch = context.request().getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || "*".equals(ifNoneMatch.trim()))) {
            attachments.check(request.get().caller(), id).subscribe().with(outcome -> {
                if (outcome instanceof Outcome.Found) {
                    context.response().setStatusCode(304).end();
                } else {
                    write(context, outcome);
                }
            }, failure -> write(context, new Outcome.Failed()));
            return;
        }
        answer(context, attachments.read(request.get().caller(), id, variant));
    }

    private void answer(RoutingContext context, Uni<Outcome> outcome) {
        outcome.subscribe().with(result -> write(context, result), failure -> {
            Log.errorf(failure, "an attachment call failed");
            write(context, new Outcome.Failed());
        });
    }

    private void write(RoutingContext context, Outcome outcome) {
        if (outcome instanceof Outcome.Found found && found.result() instanceof AttachmentService.Content content) {
            context.response().putHeader("Content-Type", content.contentType())
                    .putHeader("X-Attachment-Filename", content.filename())
                    .end(Buffer.buffer(content.bytes()));
            return;
        }
        ServiceReply reply = replies.toReply(outcome);
        try {
            context.response().setStatusCode(reply.status())
                    .putHeader("Content-Type", reply.isError() ? Problem.MEDIA_TYPE : "application/json")
                    .end(reply.body() == null ? "" : mapper.writeValueAsString(reply.body()));
        } catch (Exception e) {
            context.response().setStatusCode(500).end();
        }
    }

    /** The request, if a gateway signed it for this operation, this body and a deadline still ahead; else 401 sent. */
    private Optional<InternalRequest> verified(RoutingContext context, String op, byte[] body) {
        String header = context.request().getHeader(InternalRequest.HEADER);
        String signed = context.request().getHeader(InternalRequest.SIGNATURE);
        try {
            if (header != null && signed != null) {
                String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
                if (signature.verifies(json, Base64.getUrlDecoder().decode(signed))) {
                    InternalRequest request = mapper.readValue(json, InternalRequest.class);
                    if (op.equals(request.op()) && request.deadline() >= System.currentTimeMillis() && request.caller() != null
                            && InternalRequest.sha256(body).equals(request.bodySha256())) {
                        return Optional.of(request);
                    }
                }
            }
        } catch (Exception e) {
            // Unreadable headers are refused like unsigned ones, below.
        }
        unsigned.increment();
        Log.warnf("an attachment call was refused: not signed by a gateway, past its deadline, or not for this body");
        write(context, new Outcome.Unauthenticated());
        return Optional.empty();
    }

    private static UUID uuid(String value) {
        return Ids.parse(value);
    }
}
