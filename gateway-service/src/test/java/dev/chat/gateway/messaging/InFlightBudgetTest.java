package dev.chat.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void callsBeyondTheBudgetAreShedUntilOneEnds() {
        InFlightBudget budget = new InFlightBudget(2, 2 * SECOND, SECOND, 0);
        assertTrue(budget.tryStart(0));
        assertTrue(budget.tryStart(0));
        assertFalse(budget.tryStart(0), "two wait already");
        budget.ended(true, SECOND / 10);
        assertTrue(budget.tryStart(SECOND / 10));
        assertEquals(2, budget.inFlight());
    }

    @Test
    void aServiceThatStopsAnsweringIsShedAfterTheStallTimeAndProbedOnceItsCallsHaveEnded() {
        InFlightBudget budget = new InFlightBudget(100, 2 * SECOND, SECOND, 0);
        assertTrue(budget.tryStart(0));
        assertTrue(budget.tryStart(SECOND), "waiting a second is not a stall");
        // Stalled: one probe a second goes through, the rest are shed.
        assertTrue(budget.tryStart(3 * SECOND), "the probe");
        assertFalse(budget.tryStart(3 * SECOND), "calls wait and nothing answered for 3 s");
        assertFalse(budget.tryStart(3 * SECOND + SECOND / 2));
        assertTrue(budget.tryStart(4 * SECOND), "the next probe, a second later");
        // All time out: timeouts are no answer, but with nothing waiting the next call goes through.
        for (int i = 0; i < 4; i++) {
            budget.ended(false, 5 * SECOND);
        }
        assertEquals(0, budget.inFlight());
        assertTrue(budget.tryStart(6 * SECOND));
        // It is answered: the service is back.
        budget.ended(true, 6 * SECOND + 1000);
        assertTrue(budget.tryStart(7 * SECOND));
        assertTrue(budget.tryStart(7 * SECOND));
    }

    @Test
    void aSlowButAnsweringServiceIsNotShed() {
        InFlightBudget budget = new InFlightBudget(100, 2 * SECOND, SECOND, 0);
        for (int second = 0; second < 10; second++) {
            assertTrue(budget.tryStart(second * SECOND));
            // Each call takes 1.5 s, but some reply comes every second.
            if (second > 0) {
                budget.ended(true, second * SECOND + 1);
            }
        }
    }
}
