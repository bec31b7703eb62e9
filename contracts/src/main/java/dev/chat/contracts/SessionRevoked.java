package dev.chat.contracts;

import java.time.Instant;

/**
 * On {@link Topics#AUTH_REVOCATIONS}, keyed by session id: every access token of the session is refused
 * from now until {@code until} (after which none of them would be accepted anyway).
 */
public record SessionRevoked(String sessionId, String userId, Instant until) {
}
