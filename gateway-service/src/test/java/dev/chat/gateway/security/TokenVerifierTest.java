package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Claims;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** A token's signature is checked once while it is valid; its expiry and its session's revocation on every use. */
class TokenVerifierTest {

    /** Tokens the fake parser accepts, with their expiry in epoch seconds. */
    private final Map<String, Long> valid = new HashMap<>();
    private final AtomicInteger parses = new AtomicInteger();
    private final RevokedSessions revoked = new RevokedSessions();
    private final TokenVerifier verifier = new TokenVerifier(parser(), revoked);

    private JWTParser parser() {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JWTParser.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("parse") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    parses.incrementAndGet();
                    String token = (String) args[0];
                    Long expiry = valid.get(token);
                    if (expiry == null || expiry * 1000 <= System.currentTimeMillis()) {
                        throw new ParseException("invalid or expired");
                    }
                    return new Jwt("user-" + token, "name-" + token, "session-" + token, expiry);
                });
    }

    @Test
    void aValidTokenIsParsedOnceForManyUses() {
        valid.put("a", Instant.now().plusSeconds(600).getEpochSecond());
        for (int use = 0; use < 5; use++) {
            assertEquals("user-a", verifier.verify("a").orElseThrow().userId());
        }
        assertEquals(1, parses.get(), "the signature was checked once");
    }

    @Test
    void aRevokedSessionIsRefusedThoughItsTokenIsRemembered() {
        valid.put("b", Instant.now().plusSeconds(600).getEpochSecond());
        assertTrue(verifier.verify("b").isPresent());
        revoked.revoke("session-b", Instant.now().plusSeconds(600));
        assertTrue(verifier.verify("b").isEmpty());
    }

    @Test
    void anExpiredTokenGoesBackToTheParserWhichRefusesIt() {
        valid.put("c", Instant.now().plusSeconds(1).getEpochSecond());
        assertTrue(verifier.verify("c").isPresent());
        valid.put("c", Instant.now().minusSeconds(1).getEpochSecond());
        // Remembered until its own expiry only: a second later the parser is asked again, and says no.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verifier.verify("c").isEmpty());
        assertTrue(parses.get() >= 2);
    }

    @Test
    void unknownTokensAreNeverRemembered() {
        assertTrue(verifier.verify("forged").isEmpty());
        assertTrue(verifier.verify("forged").isEmpty());
        assertEquals(2, parses.get());
        assertEquals(0, verifier.cachedTokens());
    }

    private record Jwt(String subject, String name, String sessionId, long expiry) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getSubject() {
            return subject;
        }

        @Override
        public long getExpirationTime() {
            return expiry;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of(Claims.SESSION_ID);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return Claims.SESSION_ID.equals(claim) ? (T) sessionId : null;
        }
    }
}
