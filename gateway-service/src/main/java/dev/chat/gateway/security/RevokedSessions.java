package dev.chat.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sessions ended by logout (or by refresh-token theft), each kept until no access token of it could
 * still be valid. In memory on every gateway instance, fed from the compacted revocations topic.
 */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevokedSessions() {
        this(Clock.systemUTC());
    }

    RevokedSessions(Clock clock) {
        this.clock = clock;
    }

    public void revoke(String sessionId, Instant until) {
        Instant now = clock.instant();
        if (until.isAfter(now)) {
            revokedUntil.merge(sessionId, until, (a, b) -> a.isAfter(b) ? a : b);
        }
        // Forgetting expired entries on the write path keeps the map as small as the live revocations.
        revokedUntil.values().removeIf(expiry -> !expiry.isAfter(now));
    }

    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        Instant until = revokedUntil.get(sessionId);
        return until != null && until.isAfter(clock.instant());
    }

    public int size() {
        return revokedUntil.size();
    }
}
