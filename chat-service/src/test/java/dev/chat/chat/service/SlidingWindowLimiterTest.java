package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, Duration.ofSeconds(10), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void allowsTheLimitInAnyWindowAndNoMore() {
        assertTrue(limiter.tryAcquire("ann"));
        advance(Duration.ofSeconds(4));
        assertTrue(limiter.tryAcquire("ann"));
        assertTrue(limiter.tryAcquire("ann"));
        assertFalse(limiter.tryAcquire("ann"), "three in the window already");
        assertTrue(limiter.tryAcquire("bob"), "each key has its own budget");
        advance(Duration.ofSeconds(6));
        assertTrue(limiter.tryAcquire("ann"), "the first one has left the window");
        assertFalse(limiter.tryAcquire("ann"));
        advance(Duration.ofMillis(3_999));
        assertFalse(limiter.tryAcquire("ann"), "a refusal is not counted, but the others are still in the window");
        advance(Duration.ofMillis(1));
        assertTrue(limiter.tryAcquire("ann"));
        assertTrue(limiter.tryAcquire("ann"));
    }

    @Test
    void aBurstAtAWindowsEndAndTheNextsStartIsStillOneBudget() {
        advance(Duration.ofMillis(9_900));
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("ann"));
        }
        advance(Duration.ofMillis(200));
        assertFalse(limiter.tryAcquire("ann"), "no fixed window boundary to reset at");
    }

    @Test
    void anEventGivenBackDoesNotCount() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("ann"));
        }
        limiter.giveBack("ann");
        assertTrue(limiter.tryAcquire("ann"));
        assertFalse(limiter.tryAcquire("ann"));
        limiter.giveBack("nobody");
        assertTrue(limiter.tryAcquire("nobody"));
    }

    @Test
    void keysWithNothingRecentAreForgotten() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("user" + i);
        }
        advance(Duration.ofSeconds(10));
        for (int i = 0; i < 5000; i++) {
            limiter.tryAcquire("busy");
        }
        assertEquals(1, limiter.keys(), "only the key with events in its window is kept");
    }
}
