package dev.chat.gateway.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.gateway.messaging.ServiceClient;
import io.smallrye.mutiny.Uni;

/** Puts the gateway's own frames ({@link ServerFrames}) on a session's outbox, in order with everything else. */
@ApplicationScoped
public class FrameWriter {

    private final ObjectMapper mapper;

    public FrameWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Uni<Void> send(ClientSession session, Object frame) {
        try {
            session.deliver(mapper.writeValueAsBytes(frame));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().voidItem();
    }

    /** A frame (a record, or a JSON tree read from a service's reply) as the UTF-8 bytes a session writes. */
    byte[] bytes(Object frame) {
        try {
            return mapper.writeValueAsBytes(frame);
        } catch (Exception e) {
            throw new IllegalStateException("a frame could not be written", e);
        }
    }

    /** A frame as text, for a connection that has no session (refused before its welcome). */
    String json(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (Exception e) {
            throw new IllegalStateException("a frame could not be written", e);
        }
    }

    Uni<Void> error(ClientSession session, String code, String message, String ref) {
        return send(session, new ServerFrames.Error(code, message, ref));
    }

    /** A service's problem reply as an error frame: its code and detail. */
    Uni<Void> problem(ClientSession session, ServiceReply reply, String ref) {
        JsonNode body = reply.body();
        String code = body != null ? body.path("code").asText(ErrorCodes.INTERNAL_ERROR) : ErrorCodes.INTERNAL_ERROR;
        String detail = body != null ? body.path("detail").asText("failed") : "failed";
        JsonNode retryAfterMs = body != null ? body.get(ServiceClient.RETRY_AFTER_MS) : null;
        if (retryAfterMs != null && retryAfterMs.canConvertToLong()) {
            return send(session, new ServerFrames.Error("error", code, detail, ref, retryAfterMs.asLong()));
        }
        return error(session, code, detail, ref);
    }
}
