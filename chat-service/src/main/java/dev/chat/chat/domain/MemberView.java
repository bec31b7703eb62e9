package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A member as the members list shows them: User + role, read marker and presence ({@code online} as learnt
 * from user-service's presence events; {@code lastSeenAt} when it last changed).
 */
public record MemberView(UUID id, String username, Instant createdAt, String role, long readSeq, boolean online,
        Instant lastSeenAt) {
}
