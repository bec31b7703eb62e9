package dev.chat.gateway.websocket;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.security.SessionEndListeners;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.mutiny.core.Vertx;

/**
 * Closes what should not stay open: idle connections (a {@code system} frame first), connections that stopped
 * answering the server's pings, and every connection of a session that logged out on any instance.
 */
@ApplicationScoped
public class Housekeeping {

    static final CloseReason IDLE = new CloseReason(4000, "idle");
    static final CloseReason UNRESPONSIVE = new CloseReason(4001, "no pong");
    static final CloseReason LOGGED_OUT = new CloseReason(4401, "session ended");

    private final SessionRegistry sessions;
    private final FrameHandler frames;
    private final CatchUp catchUp;
    private final FrameWriter out;
    private final GatewayConfig.WebSocket config;
    private final Counter unresponsive;
    /** Pings are the gateway's own (not the transport's automatic ones), so a pong can be matched to its ping. */
    private long lastPingNanos = System.nanoTime();

    public Housekeeping(SessionRegistry sessions, FrameHandler frames, CatchUp catchUp, FrameWriter out, GatewayConfig config,
            MeterRegistry metrics) {
        this.unresponsive = metrics.counter("chat.gateway.websocket.unresponsive_closed");
        this.sessions = sessions;
        this.frames = frames;
        this.catchUp = catchUp;
        this.out = out;
        this.config = config.websocket();
    }

    void onStart(@Observes StartupEvent event, Vertx vertx, SessionEndListeners sessionEnds) {
        long period = Math.max(1000, Math.min(config.idleTimeout().toMillis(), config.pingInterval().toMillis()) / 3);
        vertx.setPeriodic(period, id -> sweep());
        sessionEnds.register(this::closeSession);
    }

    void sweep() {
        long now = System.nanoTime();
        long idleNanos = config.idleTimeout().toNanos();
        long pongNanos = config.pingInterval().toNanos() * 3;
        boolean pingNow = now - lastPingNanos >= config.pingInterval().toNanos();
        if (pingNow) {
            lastPingNanos = now;
        }
        for (ClientSession session : sessions.all()) {
            if (pingNow) {
                session.ping();
            }
            if (now - session.lastClientFrameNanos() > idleNanos) {
                out.send(session, new ServerFrames.SystemNotice("closing the connection: no activity for "
                        + config.idleTimeout().toSeconds() + " s"));
                close(session, IDLE);
            } else if (now - session.lastPongNanos() > pongNanos) {
                unresponsive.increment();
                close(session, UNRESPONSIVE);
            }
        }
        frames.forgetIdleLimits();
        catchUp.forgetIdleLimits();
    }

    private void closeSession(String sessionId) {
        for (ClientSession session : sessions.all()) {
            if (sessionId.equals(session.caller().sessionId())) {
                out.send(session, new ServerFrames.SystemNotice("signed out"));
                close(session, LOGGED_OUT);
            }
        }
    }

    private void close(ClientSession session, CloseReason reason) {
        sessions.remove(session);
        session.close(reason).subscribe().with(ok -> {
        }, failure -> Log.debugf("closing %s failed: %s", session.id(), failure));
    }
}
