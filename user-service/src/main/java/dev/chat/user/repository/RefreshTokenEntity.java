package dev.chat.user.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of {@code refresh_tokens}: the SHA-256 of a token, never the token. Only ever inserted through this entity,
 * with the session it belongs to; checked and rotated by hand-written SQL ({@link SessionRepository#rotate}).
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshTokenEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "replaced_at")
    public Instant replacedAt;

    static RefreshTokenEntity issue(byte[] tokenHash, UUID sessionId, Instant now, Instant expiresAt) {
        RefreshTokenEntity token = new RefreshTokenEntity();
        token.tokenHash = tokenHash;
        token.sessionId = sessionId;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }
}
