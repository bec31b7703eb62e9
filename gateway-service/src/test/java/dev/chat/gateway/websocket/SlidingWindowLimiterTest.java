package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, Duration.ofSeconds(10), now::get);

    @Test
    void allowsTheLimitPerWindowAndRecoversAsTheWindowSlides() {
        assertTrue(limiter.tryAcquire("a"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "a third within 10 s is refused");
        assertTrue(limiter.tryAcquire("b"), "keys are counted apart");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(limiter.tryAcquire("a"), "the first event left the window");
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void aResetKeyIsWithinTheLimitAgain() {
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        limiter.reset("a");
        assertTrue(limiter.tryAcquire("a"));
    }
}
