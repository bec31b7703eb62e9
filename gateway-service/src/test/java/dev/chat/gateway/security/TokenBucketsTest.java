package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aBurstOfTheCountThenOnePerShareOfTheWindow() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 10, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), buckets.take("a"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(20)), buckets.take("a"));
        // Another key has its own bucket.
        assertEquals(Optional.empty(), buckets.take("b"));
        advance(Duration.ofSeconds(15));
        assertEquals(Optional.of(Duration.ofSeconds(5)), buckets.take("a"));
        advance(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), buckets.take("a"));
        assertTrue(buckets.take("a").isPresent());
        // Idle for longer than the window: full again, never more.
        advance(Duration.ofHours(5));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), buckets.take("a"));
        }
        assertTrue(buckets.take("a").isPresent());
    }

    @Test
    void aFullMapDropsRefilledBucketsOrSharesOneForNewKeys() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofSeconds(10), 2, now::get);
        assertEquals(Optional.empty(), buckets.take("a"));
        assertEquals(Optional.empty(), buckets.take("b"));
        // Full, and nothing has refilled: new keys share the overflow bucket.
        assertEquals(Optional.empty(), buckets.take("c"));
        assertTrue(buckets.take("d").isPresent());
        assertEquals(2 + 1, buckets.size());
        // Once the buckets have refilled they are forgotten, and a new key gets its own.
        advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), buckets.take("e"));
        assertTrue(buckets.size() <= 2);
    }
}
