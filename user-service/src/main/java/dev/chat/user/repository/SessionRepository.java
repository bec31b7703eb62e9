package dev.chat.user.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.chat.support.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sessions and their refresh tokens (stored as hashes only). Opening and ending a session go through Hibernate
 * Reactive Panache ({@link SessionEntity}, {@link RefreshTokenEntity}); the rotation of a refresh token stays SQL, see
 * {@link #rotate}.
 */
@ApplicationScoped
public class SessionRepository {

    private static final String INSERT_TOKEN =
            "insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)";
    private static final String RETIRE_LIVE_TOKENS =
            "update refresh_tokens set replaced_at = $2 where session_id = $1 and replaced_at is null";

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Opens the session with its first refresh token, in one transaction. */
    public Uni<Void> create(UUID sessionId, UUID userId, byte[] refreshTokenHash, Instant now, Instant refreshExpiresAt) {
        // Inserted in the order persisted: the session first, for the token's foreign key.
        return Panache.withTransaction(() -> SessionEntity.open(sessionId, userId, now).persist()
                .chain(() -> RefreshTokenEntity.issue(refreshTokenHash, sessionId, now, refreshExpiresAt).persist()))
                .replaceWithVoid();
    }

    /** Ends the session; true if it was the caller's and still open. */
    public Uni<Boolean> revoke(UUID sessionId, UUID userId, Instant now) {
        // Read under a row lock, so two logouts of one session cannot both see it open; the change is flushed at commit.
        return Panache.withTransaction(() -> SessionEntity.<SessionEntity>findById(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .map(session -> {
                    if (session == null || !session.userId.equals(userId) || session.revokedAt != null) {
                        return false;
                    }
                    session.revokedAt = now;
                    return true;
                }));
    }

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        /** @param retried the token had been swapped already, within the grace: a retry, not a theft */
        record Rotated(UUID sessionId, UUID userId, boolean retried) implements Rotation {
        }

        /** Unknown, expired, or its session ended. */
        record Refused() implements Rotation {
        }

        /** The token was already rotated, longer ago than the grace: someone holds a copy. The session has been ended. */
        record ReuseDetected(UUID sessionId, UUID userId) implements Rotation {
        }
    }

    /**
     * Swaps a valid refresh token for a new one in one transaction; the row lock on the session makes concurrent uses of
     * its tokens come out one after the other.
     *
     * <p>A token swapped at most {@code grace} ago is swapped again (a client retrying after a lost answer): the session's
     * live token, if any, is retired with it, so a session never has more than one. A token swapped longer ago ends the
     * session (reuse: someone holds a copy).
     *
     * <p>Hand-written SQL on purpose: one {@code select ... for update of r, s} locks the token and its session
     * together in a single round trip, and every branch (refuse, end the session on reuse, rotate) is decided under
     * that lock. Entity loads with lock modes would take the two locks in two statements and hide the order.
     */
    public Uni<Rotation> rotate(byte[] presentedHash, byte[] newHash, Instant now, Instant newExpiresAt, Duration grace) {
        return pool.withTransaction(connection -> connection.preparedQuery(
                "select r.session_id, s.user_id, r.expires_at, r.replaced_at, s.revoked_at "
                        + "from refresh_tokens r join sessions s on s.id = r.session_id "
                        + "where r.token_hash = $1 for update of r, s")
                .execute(Tuple.of(Buffer.buffer(presentedHash)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Rotation.Refused());
                    }
                    var row = rows.iterator().next();
                    UUID sessionId = row.getUUID("session_id");
                    UUID userId = row.getUUID("user_id");
                    if (Times.instant(row, "revoked_at") != null || Times.instant(row, "expires_at").isBefore(now)) {
                        return Uni.createFrom().item(new Rotation.Refused());
                    }
                    Instant replacedAt = Times.instant(row, "replaced_at");
                    if (replacedAt != null && replacedAt.plus(grace).isBefore(now)) {
                        return revoke(connection, sessionId, now).replaceWith(new Rotation.ReuseDetected(sessionId, userId));
                    }
                    // A first use retires the presented token; a retry within the grace retires whichever token is live now.
                    Uni<?> retired = replacedAt == null
                            ? connection.preparedQuery("update refresh_tokens set replaced_at = $2 where token_hash = $1")
                                    .execute(Tuple.of(Buffer.buffer(presentedHash), Times.utc(now)))
                            : connection.preparedQuery(RETIRE_LIVE_TOKENS).execute(Tuple.of(sessionId, Times.utc(now)));
                    return retired
                            .chain(() -> connection.preparedQuery(INSERT_TOKEN)
                                    .execute(Tuple.of(Buffer.buffer(newHash), sessionId, Times.utc(newExpiresAt), Times.utc(now))))
                            .replaceWith(new Rotation.Rotated(sessionId, userId, replacedAt != null));
                }));
    }

    private static Uni<Void> revoke(SqlConnection connection, UUID sessionId, Instant now) {
        return connection.preparedQuery("update sessions set revoked_at = $2 where id = $1 and revoked_at is null")
                .execute(Tuple.of(sessionId, Times.utc(now)))
                .replaceWithVoid();
    }
}
