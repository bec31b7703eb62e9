package dev.chat.gateway.rest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} of something at once on this instance (uploads, full-size image reads: each holds up to
 * ATTACHMENT_MAX_BYTES in memory); one more is refused at once rather than queued, and the client told to retry.
 */
final class Slots {

    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    Slots(int max) {
        this.max = max;
    }

    /** True if a slot was free; the caller then gives it back once, whatever becomes of its work. */
    boolean tryTake() {
        while (true) {
            int now = taken.get();
            if (now >= max) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void giveBack() {
        taken.decrementAndGet();
    }

    /** Slots in use, for a gauge. */
    int taken() {
        return taken.get();
    }
}
