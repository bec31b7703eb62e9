package dev.chat.gateway.websocket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: {@code perSecond} points a second, up to two seconds' worth saved. Sketch frames spend
 * what they draw, so a flood of points is refused however it is cut into frames. Per instance, in memory; full
 * buckets are dropped by {@link #forgetIdle()}.
 */
public final class PointBudget {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long capacity;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    public PointBudget(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    PointBudget(int perSecond, LongSupplier clock) {
        this.perSecond = perSecond;
        this.capacity = 2L * perSecond;
        this.clock = clock;
    }

    /** Spends {@code points} if the key has them; a refused spend costs nothing. */
    public boolean trySpend(String key, int points) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens < points) {
                return false;
            }
            bucket.tokens -= points;
            return true;
        }
    }

    public int perSecond() {
        return (int) perSecond;
    }

    public void forgetIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= capacity;
            }
        });
    }

    private void refill(Bucket bucket, long now) {
        double earned = (now - bucket.refilledAt) * (double) perSecond / NANOS_PER_SECOND;
        bucket.tokens = Math.min(capacity, bucket.tokens + earned);
        bucket.refilledAt = now;
    }
}
