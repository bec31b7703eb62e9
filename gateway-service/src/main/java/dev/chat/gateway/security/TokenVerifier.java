package dev.chat.gateway.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chat.contracts.ServiceRequest.Caller;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token outside the HTTP security layer (the WebSocket upgrade reads it from the header or,
 * for browsers that cannot set headers, from the {@code access_token} query parameter), with the same rules:
 * signature, issuer, expiry, and the session not revoked.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Tokens verified lately: more than this many and the cache starts over (a bound, not an eviction policy). */
    static final int MAX_VERIFIED = 20_000;

    private final JWTParser parser;
    private final RevokedSessions revoked;
    /**
     * Tokens whose signature and claims were verified, with their caller and expiry. A signed token cannot change, so its
     * signature need not be checked again: a user's tabs, and the upgrade check then the open of one connection, cost one
     * RSA verification instead of one each (a connect storm spent 14 % of the gateway's time in it). Expiry and
     * revocation are still checked on every use.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, long expiresAtMillis) {
    }

    public TokenVerifier(JWTParser parser, RevokedSessions revoked) {
        this.parser = parser;
        this.revoked = revoked;
    }

    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Verified known = verified.get(token);
        if (known != null && System.currentTimeMillis() < known.expiresAtMillis()) {
            return revoked.isRevoked(known.caller().sessionId()) ? Optional.empty() : Optional.of(known.caller());
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Caller caller = Callers.of(jwt);
            if (caller.userId() == null || caller.username() == null) {
                return Optional.empty();
            }
            remember(token, caller, jwt.getExpirationTime());
            return revoked.isRevoked(caller.sessionId()) ? Optional.empty() : Optional.of(caller);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Remembered until its expiry without the parser's clock skew: past it, the parser decides again. */
    private void remember(String token, Caller caller, long expiresAtSeconds) {
        if (expiresAtSeconds <= 0) {
            return;
        }
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.put(token, new Verified(caller, expiresAtSeconds * 1000));
    }

    int cachedTokens() {
        return verified.size();
    }

    /**
     * The token of a request: the Authorization header's bearer token first, else (for a WebSocket upgrade, which
     * browsers cannot give headers) the access_token parameter of {@code rawQuery}; pass null where no query may carry it.
     */
    public static String tokenOf(String authorizationHeader, String rawQuery) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorizationHeader.substring(7).trim();
        }
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("access_token=")) {
                return URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
