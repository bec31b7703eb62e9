package dev.chat.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.messaging.TypingPublisher;
import dev.chat.gateway.service.SlidingWindowLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What each client frame does. A bad frame gets an {@code error} frame (with the clientMsgId or frame type
 * it answers as {@code ref}) and nothing else happens: the connection stays open.
 */
@ApplicationScoped
public class FrameHandler {

    /** History is read in pages of this many during a resume. */
    static final int RESUME_PAGE = 200;

    private final ChatServiceClient chat;
    private final TypingPublisher typing;
    private final ObjectMapper mapper;
    private final GatewayConfig.WebSocket config;
    private final SlidingWindowLimiter sends;
    private final SlidingWindowLimiter typingNotices;
    private final MeterRegistry metrics;

    public FrameHandler(ChatServiceClient chat, TypingPublisher typing, ObjectMapper mapper, GatewayConfig config,
            MeterRegistry metrics) {
        this.chat = chat;
        this.typing = typing;
        this.mapper = mapper;
        this.config = config.websocket();
        this.sends = new SlidingWindowLimiter(this.config.sendsPerWindow(), this.config.sendWindow());
        this.typingNotices = new SlidingWindowLimiter(1, this.config.typingInterval());
        this.metrics = metrics;
    }

    public Uni<Void> handle(ClientSession session, String raw) {
        session.clientFrameReceived();
        if (raw.length() > config.maxFrameBytes() || raw.getBytes(StandardCharsets.UTF_8).length > config.maxFrameBytes()) {
            return error(session, ErrorCodes.FRAME_TOO_LARGE, "frames are at most " + config.maxFrameBytes() + " bytes", null);
        }
        JsonNode frame;
        try {
            frame = mapper.readTree(raw);
        } catch (Exception e) {
            return error(session, ErrorCodes.INVALID_FRAME, "the frame is not JSON", null);
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return error(session, ErrorCodes.INVALID_FRAME, "a frame is a JSON object with a string 'type'", null);
        }
        String type = frame.get("type").asText();
        metrics.counter("chat.gateway.websocket.frames", "type", knownOrOther(type)).increment();
        return switch (type) {
            case "ping" -> send(session, Map.of("type", "pong"));
            case "send" -> onSend(session, frame);
            case "read" -> onRead(session, frame);
            case "typing" -> onTyping(session, frame);
            case "resume" -> onResume(session, frame);
            case "sketch.stroke", "sketch.undo", "sketch.clear" ->
                    error(session, "unsupported", "the sketch canvas is not available yet", type);
            default -> error(session, ErrorCodes.UNKNOWN_TYPE, "unknown frame type '" + type + "'", type);
        };
    }

    private Uni<Void> onSend(ClientSession session, JsonNode frame) {
        String clientMsgId = frame.path("clientMsgId").isTextual() ? frame.get("clientMsgId").asText() : null;
        String ref = clientMsgId != null ? clientMsgId : "send";
        String roomId = roomIdOf(frame);
        if (clientMsgId == null || clientMsgId.isBlank()) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "send needs a clientMsgId", ref);
        }
        if (roomId == null) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "send needs a roomId (a UUID)", ref);
        }
        JsonNode text = frame.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "send needs a non-blank text", ref);
        }
        String value = text.asText();
        if (value.codePointCount(0, value.length()) > config.maxTextLength()) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "text is at most " + config.maxTextLength() + " characters", ref);
        }
        if (!session.isMemberOf(roomId)) {
            return error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", ref);
        }
        if (!sends.tryAcquire(session.userId())) {
            return error(session, ErrorCodes.RATE_LIMITED, "at most " + config.sendsPerWindow() + " messages per "
                    + config.sendWindow().toSeconds() + " s", ref);
        }
        // The message ends this typing spell (clients clear the indicator when it arrives): the next keystroke
        // starts a new one that the others should see at once, not up to 2 s later.
        typingNotices.reset(session.userId() + "/" + roomId);
        ObjectNode body = mapper.createObjectNode().put("roomId", roomId).put("clientMsgId", clientMsgId).put("text", value);
        return chat.call("messages.send", session.caller(), body, roomId).chain(reply -> {
            if (reply.isError()) {
                return problemAsError(session, reply, ref);
            }
            JsonNode message = reply.body();
            ObjectNode ack = mapper.createObjectNode()
                    .put("type", "ack")
                    .put("clientMsgId", clientMsgId)
                    .put("roomId", roomId)
                    .put("seq", message.path("seq").asLong())
                    .put("messageId", message.path("id").asText());
            ack.set("createdAt", message.get("createdAt"));
            return send(session, ack);
        });
    }

    private Uni<Void> onRead(ClientSession session, JsonNode frame) {
        String roomId = roomIdOf(frame);
        if (roomId == null || !frame.path("seq").canConvertToLong() || !frame.path("seq").isIntegralNumber()
                || frame.get("seq").asLong() < 0) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "read needs a roomId and a seq (a whole number, 0 or more)", "read");
        }
        if (!session.isMemberOf(roomId)) {
            return error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", "read");
        }
        ObjectNode body = mapper.createObjectNode().put("roomId", roomId).put("seq", frame.get("seq").asLong());
        return chat.call("rooms.read", session.caller(), body, roomId)
                .chain(reply -> reply.isError() ? problemAsError(session, reply, "read") : Uni.createFrom().voidItem());
    }

    private Uni<Void> onTyping(ClientSession session, JsonNode frame) {
        String roomId = roomIdOf(frame);
        if (roomId == null) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "typing needs a roomId (a UUID)", "typing");
        }
        if (!session.isMemberOf(roomId)) {
            return error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", "typing");
        }
        if (!typingNotices.tryAcquire(session.userId() + "/" + roomId)) {
            // Throttled silently: the others already know this person is typing.
            return Uni.createFrom().voidItem();
        }
        ObjectNode notice = mapper.createObjectNode().put("type", "typing").put("roomId", roomId)
                .put("userId", session.userId()).put("username", session.caller().username());
        return typing.publish(roomId, notice.toString());
    }

    /**
     * For each room the client names: the messages after its last seen seq, from chat-service's history, in
     * order; live messages of that room wait meanwhile and follow without duplicates. Then {@code resumed}.
     */
    private Uni<Void> onResume(ClientSession session, JsonNode frame) {
        JsonNode positions = frame.get("positions");
        if (positions == null || !positions.isObject()) {
            return error(session, ErrorCodes.VALIDATION_FAILED, "resume needs positions: {roomId: lastSeenSeq}", "resume");
        }
        List<Uni<Void>> steps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = positions.fields(); it.hasNext();) {
            var entry = it.next();
            String roomId = entry.getKey();
            JsonNode seq = entry.getValue();
            if (!seq.isIntegralNumber() || seq.asLong() < 0) {
                steps.add(error(session, ErrorCodes.VALIDATION_FAILED, "positions of " + roomId + " must be a whole number", "resume"));
            } else {
                switch (session.beginResume(roomId, seq.asLong())) {
                    case NOT_A_MEMBER -> steps.add(error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of room " + roomId, "resume"));
                    case CATCH_UP -> steps.add(Uni.createFrom().deferred(() -> catchUp(session, roomId, seq.asLong(), true)));
                    case UP_TO_DATE -> metrics.counter("chat.gateway.resume.up_to_date").increment();
                }
            }
        }
        // One room after another: each room's messages arrive as one ordered run.
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Uni<Void> step : steps) {
            all = all.chain(() -> step);
        }
        return all.chain(() -> send(session, Map.of("type", "resumed")));
    }

    /** Reads a room's history after {@code afterSeq} into the session, page by page, then releases live messages. */
    Uni<Void> catchUp(ClientSession session, String roomId, long afterSeq, boolean clientResume) {
        ObjectNode query = mapper.createObjectNode().put("roomId", roomId).put("afterSeq", afterSeq).put("limit", RESUME_PAGE);
        return chat.call("messages.history", session.caller(), query, roomId).chain(reply -> {
            if (reply.isError() && reply.status() >= 500) {
                return abandon(session, roomId, new IllegalStateException("history answered " + reply.status()));
            }
            if (reply.isError()) {
                // Not (or no longer) a member, or the room is gone: nothing more of it will reach this connection.
                session.endCatchUp(roomId, clientResume);
                return problemAsError(session, reply, clientResume ? "resume" : "message");
            }
            long last = afterSeq;
            for (JsonNode message : reply.body().path("messages")) {
                ObjectNode out = mapper.createObjectNode().put("type", "message");
                out.setAll((ObjectNode) message);
                last = message.path("seq").asLong();
                session.deliverMissed(roomId, last, out.toString());
            }
            if (reply.body().path("hasMore").asBoolean(false)) {
                return catchUp(session, roomId, last, clientResume);
            }
            session.endCatchUp(roomId, clientResume);
            return Uni.createFrom().voidItem();
        }).onFailure().recoverWithUni(failure -> abandon(session, roomId, failure));
    }

    /**
     * History could not be read, so this connection cannot deliver the room without a gap. Rather than go on
     * past the hole, it is closed: the client reconnects and resumes from what it has, and loses nothing.
     */
    private Uni<Void> abandon(ClientSession session, String roomId, Throwable failure) {
        Log.warnf("catch-up of room %s for %s failed (%s): closing it so the client resumes", roomId, session.id(), failure.toString());
        metrics.counter("chat.gateway.catchup.failed").increment();
        return error(session, ErrorCodes.SERVICE_UNAVAILABLE, "messages could not be caught up; reconnect and resume", "resume")
                .chain(() -> session.close(CATCH_UP_FAILED))
                .onFailure().recoverWithNull();
    }

    static final io.quarkus.websockets.next.CloseReason CATCH_UP_FAILED = new io.quarkus.websockets.next.CloseReason(1011,
            "catch-up failed; reconnect and resume");

    /** The session's gap filler: a live message skipped ahead, so the gap is read from history. */
    void fillGap(ClientSession session, String roomId, long afterSeq) {
        metrics.counter("chat.gateway.fanout.gaps").increment();
        catchUp(session, roomId, afterSeq, false).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    void forgetIdleLimits() {
        sends.forgetIdle();
        typingNotices.forgetIdle();
    }

    private Uni<Void> problemAsError(ClientSession session, ServiceReply reply, String ref) {
        String code = reply.body() != null ? reply.body().path("code").asText(ErrorCodes.INTERNAL_ERROR) : ErrorCodes.INTERNAL_ERROR;
        String detail = reply.body() != null ? reply.body().path("detail").asText("failed") : "failed";
        return error(session, code, detail, ref);
    }

    Uni<Void> error(ClientSession session, String code, String message, String ref) {
        ObjectNode frame = mapper.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (ref != null) {
            frame.put("ref", ref);
        }
        return send(session, frame);
    }

    private Uni<Void> send(ClientSession session, Object frame) {
        try {
            session.deliver(frame instanceof String text ? text : mapper.writeValueAsString(frame));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().voidItem();
    }

    private static String roomIdOf(JsonNode frame) {
        JsonNode value = frame.get("roomId");
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String knownOrOther(String type) {
        return switch (type) {
            case "ping", "send", "read", "typing", "resume", "sketch.stroke", "sketch.undo", "sketch.clear" -> type;
            default -> "other";
        };
    }
}
