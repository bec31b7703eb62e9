package dev.chat.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void oneMoreThanTheMaxIsRefusedUntilOneIsGivenBack() {
        Slots slots = new Slots(2);
        assertTrue(slots.tryTake());
        assertTrue(slots.tryTake());
        assertFalse(slots.tryTake());
        assertEquals(2, slots.taken());
        slots.giveBack();
        assertTrue(slots.tryTake());
        assertFalse(slots.tryTake());
    }

    @Test
    void racingTakersNeverGetMoreThanTheMax() throws Exception {
        Slots slots = new Slots(5);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            threads.submit(() -> {
                start.await();
                for (int j = 0; j < 1000; j++) {
                    if (slots.tryTake()) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(5, granted.get());
        assertEquals(5, slots.taken());
    }
}
