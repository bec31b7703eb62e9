package dev.chat.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code count} calls per {@code window} for each key, as token buckets: a key starts with {@code count} tokens,
 * each call takes one, and they come back evenly over the window. So a burst of {@code count} is allowed, then one call
 * per {@code window / count}. Per instance, in memory.
 *
 * <p>The keys are client addresses, which anyone can vary: the map holds at most {@code maxKeys}. When it is full, buckets
 * that have refilled (nothing to remember) are dropped; if it is still full, new keys share one overflow bucket, so
 * memory stays bounded and a spray of addresses is still limited, as one.
 */
public final class TokenBuckets {

    static final String OVERFLOW = "(overflow)";

    private final int capacity;
    private final long nanosPerToken;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public TokenBuckets(int count, Duration window, int maxKeys) {
        this(count, window, maxKeys, System::nanoTime);
    }

    TokenBuckets(int count, Duration window, int maxKeys, LongSupplier clock) {
        if (count < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a limit needs a count of 1 or more and a positive window");
        }
        this.capacity = count;
        this.nanosPerToken = Math.max(1, window.toNanos() / count);
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /** Takes a token of the key's bucket: empty if the call may go on, else how long until it could. */
    public Optional<Duration> take(String key) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(room(now) ? key : OVERFLOW, k -> new Bucket(capacity, now));
        }
        long waitNanos = bucket.take(now, capacity, nanosPerToken);
        return waitNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(waitNanos));
    }

    int size() {
        return buckets.size();
    }

    /** Whether a new key gets a bucket of its own; at most one sweep per token period, so a full map costs no more. */
    private boolean room(long now) {
        if (buckets.size() < maxKeys) {
            return true;
        }
        if (now - lastSweep >= nanosPerToken) {
            lastSweep = now;
            buckets.values().removeIf(bucket -> bucket.isFullAt(now, capacity, nanosPerToken));
        }
        return buckets.size() < maxKeys;
    }

    /** Tokens in thousandths, so refills of fractions of a token are not lost. */
    private static final class Bucket {
        private long milliTokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.milliTokens = capacity * 1000L;
            this.updatedAt = now;
        }

        synchronized long take(long now, int capacity, long nanosPerToken) {
            refill(now, capacity, nanosPerToken);
            if (milliTokens >= 1000) {
                milliTokens -= 1000;
                return 0;
            }
            return Math.max(1, (1000 - milliTokens) * nanosPerToken / 1000);
        }

        synchronized boolean isFullAt(long now, int capacity, long nanosPerToken) {
            refill(now, capacity, nanosPerToken);
            return milliTokens >= capacity * 1000L;
        }

        private void refill(long now, int capacity, long nanosPerToken) {
            long elapsed = now - updatedAt;
            if (elapsed <= 0) {
                return;
            }
            long gained = elapsed >= nanosPerToken * (long) capacity ? capacity * 1000L : elapsed * 1000 / nanosPerToken;
            milliTokens = Math.min(capacity * 1000L, milliTokens + gained);
            // Only the time that became tokens is used up; the remainder counts towards the next thousandth.
            updatedAt = milliTokens == capacity * 1000L ? now : updatedAt + gained * nanosPerToken / 1000;
        }
    }
}
