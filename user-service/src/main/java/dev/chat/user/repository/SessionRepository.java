package dev.chat.user.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sessions and their refresh tokens (stored as hashes only). */
@ApplicationScoped
public class SessionRepository {

    private final Pool pool;

    public SessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> create(UUID sessionId, UUID userId, byte[] refreshTokenHash, Instant now, Instant refreshExpiresAt) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into sessions (id, user_id, created_at) values ($1, $2, $3)")
                .execute(Tuple.of(sessionId, userId, now.atOffset(ZoneOffset.UTC)))
                .chain(() -> insertToken(connection, refreshTokenHash, sessionId, now, refreshExpiresAt)));
    }

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        record Rotated(UUID sessionId, UUID userId) implements Rotation {
        }

        /** Unknown, expired, or its session ended. */
        record Refused() implements Rotation {
        }

        /** The token was already rotated once: someone holds a copy. The session has been ended. */
        record ReuseDetected(UUID sessionId, UUID userId) implements Rotation {
        }
    }

    /**
     * Swaps a valid refresh token for a new one in one transaction; the row lock makes two concurrent uses of
     * the same token come out as one rotation and one reuse.
     */
    public Uni<Rotation> rotate(byte[] presentedHash, byte[] newHash, Instant now, Instant newExpiresAt) {
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
                    if (row.getOffsetDateTime("revoked_at") != null
                            || row.getOffsetDateTime("expires_at").toInstant().isBefore(now)) {
                        return Uni.createFrom().item(new Rotation.Refused());
                    }
                    if (row.getOffsetDateTime("replaced_at") != null) {
                        return revoke(connection, sessionId, now).replaceWith(new Rotation.ReuseDetected(sessionId, userId));
                    }
                    return connection.preparedQuery("update refresh_tokens set replaced_at = $2 where token_hash = $1")
                            .execute(Tuple.of(Buffer.buffer(presentedHash), now.atOffset(ZoneOffset.UTC)))
                            .chain(() -> insertToken(connection, newHash, sessionId, now, newExpiresAt))
                            .replaceWith(new Rotation.Rotated(sessionId, userId));
                }));
    }

    /** Ends the session; true if it was the caller's and still open. */
    public Uni<Boolean> revoke(UUID sessionId, UUID userId, Instant now) {
        return pool.preparedQuery("update sessions set revoked_at = $3 where id = $1 and user_id = $2 and revoked_at is null")
                .execute(Tuple.of(sessionId, userId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Uni<Void> revoke(SqlConnection connection, UUID sessionId, Instant now) {
        return connection.preparedQuery("update sessions set revoked_at = $2 where id = $1 and revoked_at is null")
                .execute(Tuple.of(sessionId, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Uni<Void> insertToken(SqlConnection connection, byte[] hash, UUID sessionId, Instant now, Instant expiresAt) {
        return connection.preparedQuery(
                "insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(Buffer.buffer(hash), sessionId, expiresAt.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
