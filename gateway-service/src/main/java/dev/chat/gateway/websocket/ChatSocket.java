package dev.chat.gateway.websocket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.security.TokenVerifier;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /ws}: one connection carries all the caller's rooms. The upgrade was authenticated by
 * {@link UpgradeAuthentication}; on open the caller gets {@code welcome} with each room's newest seq, and from
 * then on every event of those rooms, in order.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private final SessionRegistry sessions;
    private final FrameHandler frames;
    private final ChatServiceClient chat;
    private final TokenVerifier tokens;
    private final ObjectMapper mapper;

    public ChatSocket(SessionRegistry sessions, FrameHandler frames, ChatServiceClient chat, TokenVerifier tokens,
            ObjectMapper mapper) {
        this.sessions = sessions;
        this.frames = frames;
        this.chat = chat;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        var handshake = connection.handshakeRequest();
        Caller caller = tokens.verify(TokenVerifier.tokenOf(handshake.header("Authorization"), handshake.query())).orElse(null);
        if (caller == null) {
            // Revoked between the upgrade check and now.
            return connection.close(new CloseReason(4401, "unauthorized"));
        }
        ClientSession session = new ClientSession(connection, caller, frames::fillGap);
        sessions.add(session);
        return chat.call("rooms.positions", caller, null, caller.userId()).chain(reply -> {
            if (reply.isError()) {
                return frames.error(session, reply.body().path("code").asText(), "your rooms could not be loaded; reconnect", "welcome")
                        .chain(() -> session.close(new CloseReason(1011, "rooms unavailable")));
            }
            List<Map<String, Object>> rooms = new java.util.ArrayList<>();
            Map<String, Object> welcome = new LinkedHashMap<>();
            welcome.put("type", "welcome");
            welcome.put("user", Map.of("id", caller.userId(), "username", caller.username()));
            welcome.put("rooms", rooms);
            // Following and welcoming under the session's lock: no live message can overtake the welcome.
            synchronized (session) {
                for (JsonNode position : reply.body()) {
                    String roomId = position.path("roomId").asText();
                    long lastSeq = position.path("lastSeq").asLong();
                    sessions.follow(session, roomId, lastSeq);
                    rooms.add(Map.of("roomId", roomId, "lastSeq", lastSeq));
                }
                session.deliver(json(welcome));
            }
            session.markReady();
            sessions.announce(session);
            return Uni.createFrom().voidItem();
        });
    }

    @OnTextMessage
    public Uni<Void> onText(String frame, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        // Frames that arrive while the welcome is being prepared wait for it.
        return session.ready().chain(() -> frames.handle(session, frame))
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf(failure, "frame from %s failed", connection.id());
                    return frames.error(session, ErrorCodes.INTERNAL_ERROR, "the frame could not be handled", null);
                });
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(Buffer frame, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        return session == null ? Uni.createFrom().voidItem()
                : frames.error(session, ErrorCodes.INVALID_FRAME, "frames are JSON text, not binary", null);
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        if (session != null) {
            session.pongReceived();
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        if (session != null) {
            sessions.remove(session);
        }
    }

    @OnError
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        Log.warnf("WebSocket %s: %s", connection.id(), failure.toString());
        ClientSession session = sessions.byConnectionId(connection.id());
        return session == null ? Uni.createFrom().voidItem()
                : frames.error(session, ErrorCodes.INVALID_FRAME, "the frame could not be read", null);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
