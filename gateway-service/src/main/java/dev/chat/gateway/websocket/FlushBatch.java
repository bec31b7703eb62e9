package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;

/**
 * The flushes a batch of events causes, one task per event loop instead of one per connection. A room event reaches
 * a hundred connections spread over a few loops; scheduling each connection's flush on its own was a task (a queue
 * insert, often a wake-up of the loop) per delivery. Opened by the Kafka consumer thread around each polled batch
 * ({@link #around}); a session that queues a frame outside a batch schedules its own flush as before.
 */
final class FlushBatch {

    private static final ThreadLocal<FlushBatch> OPEN = new ThreadLocal<>();

    private final Map<EventLoop, List<ClientSession>> byLoop = new IdentityHashMap<>();

    private FlushBatch() {
    }

    /** Runs {@code work}; the flushes it asks for are scheduled after it, a task per event loop, in the order asked. */
    static void around(Runnable work) {
        if (OPEN.get() != null) {
            work.run();
            return;
        }
        FlushBatch batch = new FlushBatch();
        OPEN.set(batch);
        try {
            work.run();
        } finally {
            OPEN.remove();
            batch.schedule();
        }
    }

    /**
     * Adds a session's flush to the batch open on this thread, if there is one. Called under the session's lock with its
     * flush not yet scheduled; false if no batch is open, and the session schedules its own.
     */
    static boolean join(ClientSession session, Context context) {
        FlushBatch batch = OPEN.get();
        if (batch == null || !(context instanceof ContextInternal internal)) {
            return false;
        }
        batch.byLoop.computeIfAbsent(internal.nettyEventLoop(), loop -> new ArrayList<>()).add(session);
        return true;
    }

    private void schedule() {
        for (List<ClientSession> sessions : byLoop.values()) {
            // Any of the sessions' contexts runs the task on their common loop, in FIFO order with their own flushes.
            sessions.get(0).context().runOnContext(v -> {
                for (ClientSession session : sessions) {
                    session.flush();
                }
            });
        }
    }
}
