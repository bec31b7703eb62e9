package dev.chat.gateway.messaging;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calls to one service may wait for their reply on this gateway, and whether the service is answering at all.
 * A call is refused ({@code overloaded}, at once) when {@code max} already wait, or when some wait and no reply has come
 * for {@code stallNanos}: queueing more behind a service that has stopped answering only makes every caller wait the
 * full timeout. Timeouts are not replies. A probe goes through now and then, and once every waiting call has ended the
 * next one goes too; the first reply ends the stall.
 */
final class InFlightBudget {

    private final int max;
    private final long stallNanos;
    private final long probeNanos;
    /** When the last probe went to a stalled service. */
    private final AtomicLong lastProbeNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When the service last answered, or when calls started waiting again after none did. */
    private volatile long lastReplyNanos;

    InFlightBudget(int max, long stallNanos, long probeNanos, long nowNanos) {
        this.max = max;
        this.stallNanos = stallNanos;
        this.probeNanos = probeNanos;
        this.lastProbeNanos = new AtomicLong(nowNanos - probeNanos);
        this.lastReplyNanos = nowNanos;
    }

    /**
     * True if the call may go; the caller then calls {@link #ended} once, whatever becomes of it. While the service is
     * stalled, one call per {@code probeNanos} still goes, so that its return is noticed at once rather than after the
     * calls already waiting have timed out.
     */
    boolean tryStart(long nowNanos) {
        while (true) {
            int waiting = inFlight.get();
            if (waiting >= max) {
                return false;
            }
            if (waiting > 0 && nowNanos - lastReplyNanos > stallNanos) {
                long lastProbe = lastProbeNanos.get();
                if (nowNanos - lastProbe < probeNanos || !lastProbeNanos.compareAndSet(lastProbe, nowNanos)) {
                    return false;
                }
                inFlight.incrementAndGet();
                return true;
            }
            if (waiting == 0) {
                // Nothing was waiting: the stall clock starts with this call (set before the count moves, so no other
                // caller sees one waiting against the idle time before it).
                lastReplyNanos = nowNanos;
            }
            if (inFlight.compareAndSet(waiting, waiting + 1)) {
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
