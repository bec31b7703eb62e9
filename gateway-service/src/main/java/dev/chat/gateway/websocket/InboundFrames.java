package dev.chat.gateway.websocket;

import java.util.ArrayDeque;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * A connection's client frames not yet handled, handled one at a time in arrival order, at most {@code max} waiting.
 *
 * <p>websockets-next queues a connection's frames without bound while the previous one is handled (a send waits for
 * its Kafka round trip), and gives no way to pause the socket. So the endpoint hands each frame here and returns at
 * once; a frame that finds {@code max} waiting is refused (the caller answers it with an error frame carrying its
 * ref, which the client may retry) instead of held. The gateway then keeps at most {@code max} frames of one connection in memory.
 */
final class InboundFrames {

    private final int max;
    private final Function<String, Uni<Void>> handler;
    /** Where handlers run (the connection's event loop); null outside Vert.x (unit tests). */
    private final Context context;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean handling;

    InboundFrames(int max, Function<String, Uni<Void>> handler, Context context) {
        this.max = max;
        this.handler = handler;
        this.context = context;
    }

    /** Called on the connection's event loop for each frame read; false if refused as one too many (nothing queued). */
    boolean offer(String frame) {
        synchronized (this) {
            if (waiting.size() >= max) {
                return false;
            }
            waiting.add(frame);
            if (handling) {
                return true;
            }
            handling = true;
        }
        handleNext();
        return true;
    }

    /** Frames accepted and not yet handled, the one being handled included. */
    synchronized int pending() {
        return waiting.size();
    }

    private void handleNext() {
        String frame;
        synchronized (this) {
            frame = waiting.peek();
            if (frame == null) {
                handling = false;
                return;
            }
        }
        Uni<Void> handled;
        try {
            handled = handler.apply(frame);
        } catch (RuntimeException failure) {
            handled = Uni.createFrom().failure(failure);
        }
        handled.subscribe().with(ok -> done(), failure -> {
            Log.debugf("a client frame failed: %s", failure);
            done();
        });
    }

    /** The head frame is handled: the next one runs on the connection's loop, never nested in this call stack. */
    private void done() {
        synchronized (this) {
            waiting.poll();
        }
        if (context == null) {
            handleNext();
        } else {
            context.runOnContext(v -> handleNext());
        }
    }
}
