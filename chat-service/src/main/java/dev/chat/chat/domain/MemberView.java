package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

/** A member as the members list shows them: User + role and read marker ({@code online} comes with presence). */
public record MemberView(UUID id, String username, Instant createdAt, String role, long readSeq, boolean online) {
}
