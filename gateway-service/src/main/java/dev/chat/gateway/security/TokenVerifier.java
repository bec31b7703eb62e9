package dev.chat.gateway.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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

    private final JWTParser parser;
    private final RevokedSessions revoked;

    public TokenVerifier(JWTParser parser, RevokedSessions revoked) {
        this.parser = parser;
        this.revoked = revoked;
    }

    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Caller caller = Callers.of(jwt);
            if (caller.userId() == null || caller.username() == null || revoked.isRevoked(caller.sessionId())) {
                return Optional.empty();
            }
            return Optional.of(caller);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The token of an upgrade request: the Authorization header first, else the access_token parameter. */
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
