package dev.chat.user.service;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contracts.Claims;
import dev.chat.contracts.UuidV7;
import dev.chat.user.config.UserServiceConfig;
import io.smallrye.jwt.build.Jwt;

/** Signs the RS256 access tokens that every gateway verifies with the public key. */
@ApplicationScoped
public class TokenService {

    private final UserServiceConfig config;

    public TokenService(UserServiceConfig config) {
        this.config = config;
    }

    public String accessToken(UUID userId, String username, UUID sessionId, Instant now) {
        return Jwt.issuer(config.issuer())
                .subject(userId.toString())
                .upn(username)
                .groups(Set.of("user"))
                .claim("jti", UuidV7.next().toString())
                .claim(Claims.SESSION_ID, sessionId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .jws()
                .sign();
    }

    public long accessTokenSeconds() {
        return config.accessTokenTtl().toSeconds();
    }
}
