package dev.chat.chat.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per key in any window of {@code window}: the times of each key's recent events, so
 * a burst at the end of one window and the start of the next is not twice the budget. The limits here are small
 * (tens per key), so the log stays small; keys whose events have all aged out are dropped now and then.
 * Thread-safe: each key is updated atomically.
 */
public final class SlidingWindowLimiter {

    /** How many calls between two sweeps of keys with no recent events. */
    private static final int SWEEP_EVERY = 4096;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public SlidingWindowLimiter(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    /** @param clock nanoseconds, like {@link System#nanoTime()} (a fake one in tests) */
    SlidingWindowLimiter(int limit, Duration window, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    public int limit() {
        return limit;
    }

    /** Counts an event for {@code key} if the budget allows it; false (and nothing counted) if it is spent. */
    public boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        boolean[] acquired = {false};
        recent.compute(key, (k, times) -> {
            Deque<Long> kept = times == null ? new ArrayDeque<>() : times;
            forgetOld(kept, now);
            if (kept.size() < limit) {
                kept.addLast(now);
                acquired[0] = true;
            }
            return kept.isEmpty() ? null : kept;
        });
        sweepNowAndThen(now);
        return acquired[0];
    }

    /** Takes back the newest event of {@code key}: it turned out not to count (a right password, say). */
    public void giveBack(String key) {
        recent.computeIfPresent(key, (k, times) -> {
            times.pollLast();
            return times.isEmpty() ? null : times;
        });
    }

    private void forgetOld(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
    }

    private void sweepNowAndThen(long now) {
        if (sinceSweep.incrementAndGet() < SWEEP_EVERY) {
            return;
        }
        sinceSweep.set(0);
        for (String key : recent.keySet()) {
            recent.computeIfPresent(key, (k, times) -> {
                forgetOld(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    /** How many keys have events in their window (for tests). */
    int keys() {
        return recent.size();
    }
}
