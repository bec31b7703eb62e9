package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.List;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Limits;
import dev.chat.contracts.Results.RoomPosition;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.SketchRules;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.security.TokenVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /ws}: one connection carries all the caller's rooms. The upgrade was authenticated by
 * {@link UpgradeAuthentication}; on open the caller gets {@code welcome} with each room's newest seq, and from
 * then on every event of those rooms, in order.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private static final CloseReason REVOKED = new CloseReason(4401, "unauthorized");
    private static final CloseReason ROOMS_UNAVAILABLE = new CloseReason(1011, "rooms unavailable");
    private static final CloseReason ROOMS_BUSY = new CloseReason(1013, "busy; reconnect shortly");
    /** 1013, Try Again Later (../shared/PROTOCOL.md, Overload): reconnect and resume. */
    static final CloseReason TOO_SLOW = new CloseReason(1013, "frames unread; reconnect and resume");
    static final CloseReason TOO_MANY = new CloseReason(1008, "too many connections");
    private static final UserData.TypedKey<InboundFrames> INBOUND = new UserData.TypedKey<>("inbound-frames");

    private final SessionRegistry sessions;
    private final FrameHandler frames;
    private final CatchUp catchUp;
    private final FrameWriter out;
    private final WelcomePositions positions;
    private final TokenVerifier tokens;
    private final ServerFrames.Limits limits;
    private final ClientSession.Outflow outflow;
    private final int maxConnectionsPerUser;
    private final int maxPendingFrames;
    private final Counter slowReaders;
    private final Counter directWriters;
    private final Counter stringWriters;
    private final ConnectionDrain drain;

    public ChatSocket(SessionRegistry sessions, FrameHandler frames, CatchUp catchUp, FrameWriter out, WelcomePositions positions,
            TokenVerifier tokens, GatewayConfig config, MeterRegistry metrics, ConnectionDrain drain) {
        this.sessions = sessions;
        this.drain = drain;
        this.frames = frames;
        this.catchUp = catchUp;
        this.out = out;
        this.positions = positions;
        this.tokens = tokens;
        var websocket = config.websocket();
        this.limits = new ServerFrames.Limits(Limits.MAX_TEXT_LENGTH, websocket.maxFrameBytes(), websocket.sendsPerWindow(),
                websocket.sendWindow().toMillis(), SketchRules.MAX_POINTS, websocket.sketchPointsPerSecond(),
                config.attachments().maxBytes(), Limits.MAX_ATTACHMENTS);
        this.outflow = new ClientSession.Outflow(websocket.maxUnsentBytes(), this::closeSlowReader);
        this.maxConnectionsPerUser = websocket.maxConnectionsPerUser();
        this.maxPendingFrames = websocket.maxPendingFrames();
        this.slowReaders = metrics.counter("chat.gateway.websocket.slow_readers_closed");
        // How frames reach each connection (TextFrameSink): "direct" unless websockets-next hid its Vert.x WebSocket.
        this.directWriters = metrics.counter("chat.gateway.websocket.opened", "writer", "direct");
        this.stringWriters = metrics.counter("chat.gateway.websocket.opened", "writer", "websockets-next");
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        var handshake = connection.handshakeRequest();
        Caller caller = tokens.verify(TokenVerifier.tokenOf(handshake.header("Authorization"), handshake.query())).orElse(null);
        if (caller == null) {
            // Revoked between the upgrade check and now.
            return connection.close(REVOKED);
        }
        if (drain.draining()) {
            return connection.close(ConnectionDrain.GOING_AWAY);
        }
        if (sessions.ofUser(caller.userId()).size() >= maxConnectionsPerUser) {
            return connection.sendText(out.json(new ServerFrames.Error(ErrorCodes.TOO_MANY_CONNECTIONS, "at most " + maxConnectionsPerUser
                    + " connections per user; close another first", "welcome")))
                    .chain(() -> connection.close(TOO_MANY));
        }
        ClientSession session = new ClientSession(connection, caller, catchUp::fillGap, outflow);
        (session.writesDirect() ? directWriters : stringWriters).increment();
        connection.userData().put(INBOUND, new InboundFrames(maxPendingFrames, frame -> handle(session, frame), Vertx.currentContext()));
        sessions.add(session);
        return positions.of(caller).chain(reply -> {
            if (reply.isError()) {
                // Never left hanging: an error frame and a close. A busy or slow service is worth another try soon (1013).
                String code = reply.body().path("code").asText();
                boolean busy = ErrorCodes.OVERLOADED.equals(code) || ErrorCodes.SERVICE_UNAVAILABLE.equals(code);
                return out.problem(session, reply, "welcome").chain(() -> session.close(busy ? ROOMS_BUSY : ROOMS_UNAVAILABLE));
            }
            List<RoomPosition> positions = RoomPosition.listFrom(reply.body());
            List<ServerFrames.RoomPosition> rooms = new ArrayList<>(positions.size());
            // Following and welcoming under the session's lock: no live message can overtake the welcome.
            synchronized (session) {
                for (RoomPosition position : positions) {
                    sessions.follow(session, position.roomId(), position.lastSeq());
                    rooms.add(new ServerFrames.RoomPosition(position.roomId(), position.lastSeq()));
                }
                out.send(session, new ServerFrames.Welcome(new ServerFrames.User(caller.userId(), caller.username()), rooms, limits));
            }
            session.markReady();
            sessions.announce(session);
            return Uni.createFrom().voidItem();
        });
    }

    /** Called under the session's lock when its unsent frames pass the bound: it stops counting and is closed. */
    private void closeSlowReader(ClientSession session) {
        slowReaders.increment();
        Log.debugf("closing %s: its client does not read (over %d bytes unsent)", session.id(), outflow.maxUnsentBytes());
        sessions.remove(session);
        session.close(TOO_SLOW).subscribe().with(ok -> {
        }, failure -> Log.debugf("closing %s failed: %s", session.id(), failure));
    }

    @OnTextMessage
    public Uni<Void> onText(String frame, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        InboundFrames inbound = connection.userData().get(INBOUND);
        if (session == null || inbound == null) {
            return Uni.createFrom().voidItem();
        }
        // Returns at once: the frame waits in the connection's own bounded queue, not in websockets-next's unbounded one.
        return inbound.offer(frame) ? Uni.createFrom().voidItem() : frames.refuse(session, frame);
    }

    private Uni<Void> handle(ClientSession session, String frame) {
        // Frames that arrive while the welcome is being prepared wait for it.
        return session.ready().chain(() -> frames.handle(session, frame))
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf(failure, "frame from %s failed", session.id());
                    return out.error(session, ErrorCodes.INTERNAL_ERROR, "the frame could not be handled", null);
                });
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(Buffer frame, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        return session == null ? Uni.createFrom().voidItem()
                : out.error(session, ErrorCodes.INVALID_FRAME, "frames are JSON text, not binary", null);
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection connection) {
        ClientSession session = sessions.byConnectionId(connection.id());
        if (session != null) {
            session.pongReceived(data);
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
                : out.error(session, ErrorCodes.INVALID_FRAME, "the frame could not be read", null);
    }
}
