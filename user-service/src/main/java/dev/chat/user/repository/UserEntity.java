package dev.chat.user.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.chat.user.domain.User;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of {@code users} (V1__accounts.sql, V2__last_seen.sql; Flyway owns the schema). Only the repositories see
 * it: the rest of the service works with {@link User}.
 */
@Entity
@Table(name = "users")
public class UserEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "username", nullable = false)
    public String username;

    /** The case-folded name the uniqueness is checked on ({@link User#keyOf}). */
    @Column(name = "username_key", nullable = false)
    public String usernameKey;

    @Column(name = "email", nullable = false)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    static UserEntity of(User user) {
        UserEntity entity = new UserEntity();
        entity.id = user.id();
        entity.username = user.username();
        entity.usernameKey = User.keyOf(user.username());
        entity.email = user.email();
        entity.passwordHash = user.passwordHash();
        entity.createdAt = user.createdAt();
        entity.lastSeenAt = user.lastSeenAt();
        return entity;
    }

    User toUser() {
        return new User(id, username, email, passwordHash, createdAt, lastSeenAt);
    }
}
