package dev.chat.gateway.messaging;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls to one service may wait for their reply on this gateway, and whether the service is answering at all.
 * A call is refused ({@code overloaded}, at once) when {@code max} already wait, or when some wait and no reply has come
 * for {@code stallNanos}: queueing more behind a service that has stopped answering only makes every caller wait the
 * full timeout. Timeouts are not replies; once every waiting call has ended, the next one is let through to probe.
 */
final class InFlightBudget {

    private final int max;
    private final long stallNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When the service last answered, or when calls started waiting again after none did. */
    private volatile long lastReplyNanos;

    InFlightBudget(int max, long stallNanos, long nowNanos) {
        this.max = max;
        this.stallNanos = stallNanos;
        this.lastReplyNanos = nowNanos;
    }

    /** True if the call may go; the caller then calls {@link #ended} once, whatever becomes of it. */
    boolean tryStart(long nowNanos) {
        while (true) {
            int waiting = inFlight.get();
            if (waiting >= max || waiting > 0 && nowNanos - lastReplyNanos > stallNanos) {
                return false;
            }
            if (inFlight.compareAndSet(waiting, waiting + 1)) {
                if (waiting == 0) {
                    // Nothing was waiting: the stall clock starts with this call.
                    lastReplyNanos = nowNanos;
                }
                return true;
            }
        }
    }

    /** @param replied the service answered (as opposed to a timeout or a failure to send) */
    void ended(boolean replied, long nowNanos) {
        if (replied) {
            lastReplyNanos = nowNanos;
        }
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
