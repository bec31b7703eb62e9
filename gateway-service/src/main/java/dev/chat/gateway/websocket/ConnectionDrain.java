package dev.chat.gateway.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;

import dev.chat.gateway.config.GatewayConfig;

/**
 * Tells every client of a gateway that is going away to reconnect elsewhere, before the process ends. Closing all of
 * them at once would send every client to the other gateways in the same second (and their welcome calls to
 * chat-service with them), so the closes are spread evenly over {@code WS_DRAIN_WINDOW}. The close code is 1012
 * (service restart): the web client reconnects after its usual jittered backoff and resumes from its last seq, so
 * nothing is missed. New connections that still arrive meanwhile are closed the same way at once.
 *
 * <p>It runs in Quarkus' pre-shutdown ({@code quarkus.shutdown.delay-enabled}): the HTTP server is still up then, and
 * stops only after the drain returns. (On {@code ShutdownEvent} the server has already begun closing sockets itself,
 * all at once, with 1000.)
 *
 * <p>In a cluster the pod's preStop hook first waits for the Service to stop routing to it (deploy/k8s), and the
 * termination grace period covers the window (deploy/README.md, "Rolling out").
 */
@ApplicationScoped
public class ConnectionDrain {

    static final CloseReason GOING_AWAY = new CloseReason(1012, "server restarting; reconnect");

    private final SessionRegistry sessions;
    private final Duration window;
    private final Counter drained;
    private volatile boolean draining;

    public ConnectionDrain(SessionRegistry sessions, GatewayConfig config, MeterRegistry metrics) {
        this.sessions = sessions;
        this.window = config.websocket().drainWindow();
        this.drained = metrics.counter("chat.gateway.websocket.drained");
    }

    boolean draining() {
        return draining;
    }

    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        List<ClientSession> open = new ArrayList<>(sessions.all());
        if (open.isEmpty()) {
            return;
        }
        Log.infof("draining %d WebSockets over %s", open.size(), window);
        CountDownLatch closed = new CountDownLatch(open.size());
        long started = System.nanoTime();
        List<List<ClientSession>> batches = batches(open, window);
        long pause = batches.size() <= 1 ? 0 : window.toNanos() / batches.size();
        for (int i = 0; i < batches.size(); i++) {
            waitUntil(started + i * pause);
            for (ClientSession session : batches.get(i)) {
                session.close(GOING_AWAY).subscribe().with(ok -> closed.countDown(), failure -> closed.countDown());
                drained.increment();
            }
        }
        try {
            if (!closed.await(5, TimeUnit.SECONDS)) {
                Log.warnf("%d WebSockets did not close within 5 s of the drain's end", closed.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The connections in slices of one per 50 ms tick of the window (one slice when the window is zero). */
    static <T> List<List<T>> batches(List<T> connections, Duration window) {
        int ticks = (int) Math.max(1, Math.min(connections.size(), window.toMillis() / 50));
        List<List<T>> batches = new ArrayList<>(ticks);
        for (int tick = 0; tick < ticks; tick++) {
            int from = (int) ((long) connections.size() * tick / ticks);
            int to = (int) ((long) connections.size() * (tick + 1) / ticks);
            batches.add(connections.subList(from, to));
        }
        return batches;
    }

    private static void waitUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
