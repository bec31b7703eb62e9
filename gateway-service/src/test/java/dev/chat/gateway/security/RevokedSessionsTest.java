package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRevokedSessionStaysRevokedUntilItsTokensWouldHaveExpired() {
        MovableClock clock = new MovableClock();
        RevokedSessions revoked = new RevokedSessions(clock);
        revoked.revoke("s1", clock.now.plus(Duration.ofMinutes(15)));
        assertTrue(revoked.isRevoked("s1"));
        assertFalse(revoked.isRevoked("s2"));
        assertFalse(revoked.isRevoked(null));

        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertFalse(revoked.isRevoked("s1"));
    }

    @Test
    void expiredEntriesAreForgotten() {
        MovableClock clock = new MovableClock();
        RevokedSessions revoked = new RevokedSessions(clock);
        revoked.revoke("old", clock.now.plusSeconds(60));
        clock.now = clock.now.plusSeconds(120);
        revoked.revoke("new", clock.now.plusSeconds(60));
        assertEquals(1, revoked.size());
        revoked.revoke("already-expired", clock.now.minusSeconds(1));
        assertEquals(1, revoked.size());
    }

    @Test
    void aLaterRevocationOfTheSameSessionExtendsIt() {
        MovableClock clock = new MovableClock();
        RevokedSessions revoked = new RevokedSessions(clock);
        revoked.revoke("s", clock.now.plusSeconds(60));
        revoked.revoke("s", clock.now.plusSeconds(30));
        clock.now = clock.now.plusSeconds(45);
        assertTrue(revoked.isRevoked("s"));
    }
}
