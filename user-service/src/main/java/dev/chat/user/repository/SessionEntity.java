package dev.chat.user.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of {@code sessions}: one per login, ended by logout or by a refresh token used twice. */
@Entity
@Table(name = "sessions")
public class SessionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static SessionEntity open(UUID id, UUID userId, Instant now) {
        SessionEntity session = new SessionEntity();
        session.id = id;
        session.userId = userId;
        session.createdAt = now;
        return session;
    }
}
