package dev.chat.gateway.websocket;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per key within any {@code window}: a sliding log of recent event times.
 * Per instance, in memory; keys with no recent events are dropped by {@link #forgetIdle()}.
 */
public final class SlidingWindowLimiter {

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();

    public SlidingWindowLimiter(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    SlidingWindowLimiter(int limit, Duration window, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** Records the event and says whether it is within the limit; refused events are not recorded. */
    public boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Forgets the key's recent events: the next one is within the limit again. */
    public void reset(String key) {
        recent.remove(key);
    }

    public void forgetIdle() {
        long now = clock.getAsLong();
        recent.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Long last = entry.getValue().peekLast();
                return last == null || now - last >= windowNanos;
            }
        });
    }
}
