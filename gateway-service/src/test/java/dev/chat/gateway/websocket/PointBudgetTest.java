package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PointBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final PointBudget budget = new PointBudget(100, now::get);

    @Test
    void twoSecondsWorthMayBeSpentAtOnceThenItRefillsAtTheRate() {
        assertTrue(budget.trySpend("ann", 150));
        assertTrue(budget.trySpend("ann", 50));
        assertFalse(budget.trySpend("ann", 1), "the saved two seconds are spent");
        assertTrue(budget.trySpend("bob", 200), "each user has their own");
        now.addAndGet(500_000_000L);
        assertTrue(budget.trySpend("ann", 50));
        assertFalse(budget.trySpend("ann", 1));
    }

    @Test
    void aRefusedSpendCostsNothing() {
        assertFalse(budget.trySpend("ann", 201));
        assertTrue(budget.trySpend("ann", 200));
    }

    @Test
    void fullBucketsAreForgotten() {
        budget.trySpend("ann", 10);
        now.addAndGet(1_000_000_000L);
        budget.forgetIdle();
        assertTrue(budget.trySpend("ann", 200), "a forgotten bucket starts full again");
    }
}
