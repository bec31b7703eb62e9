package dev.chat.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the contract, for the OpenAPI document. The gateway itself passes bodies through to the
 * services, which validate them; these records only describe them.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "RegisterRequest")
    record RegisterRequest(
            @Schema(description = "3-32 of [A-Za-z0-9_.-], unique regardless of case", required = true) String username,
            @Schema(description = "at least 8 characters, at most 72 bytes", required = true) String password,
            @Schema(required = true) String email) {
    }

    @Schema(name = "LoginRequest")
    record LoginRequest(@Schema(required = true) String username, @Schema(required = true) String password) {
    }

    @Schema(name = "RefreshRequest")
    record RefreshRequest(@Schema(required = true) String refreshToken) {
    }

    @Schema(name = "User")
    record User(String id, String username, @Schema(description = "own profile only") String email, Instant createdAt,
            @Schema(description = "user lists only") Boolean online, @Schema(description = "user lists only") Instant lastSeenAt) {
    }

    @Schema(name = "TokenPair")
    record TokenPair(String accessToken, String refreshToken, String tokenType,
            @Schema(description = "seconds the access token is valid") long expiresIn, User user) {
    }

    @Schema(name = "Problem", description = "RFC 9457 problem with a stable machine-readable code")
    record Problem(String type, String title, int status, String detail, String code) {
    }
}
