package dev.chat.user.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which "registered" events and revocations have surely gone out: {@code users.announced_at} and
 * {@code sessions.revocation_sent_at}, set once the broker acknowledged them. The rows without are the outbox.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A user not yet announced. */
    public record Unannounced(UUID id, String username, Instant createdAt) {
    }

    /** A revoked session whose revocation may not have gone out. */
    public record UnsentRevocation(UUID sessionId, UUID userId, Instant revokedAt) {
    }

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> announced(UUID userId) {
        return pool.preparedQuery("update users set announced_at = now() where id = $1 and announced_at is null")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    public Uni<Void> revocationSent(UUID sessionId) {
        return pool.preparedQuery("update sessions set revocation_sent_at = now() where id = $1 and revoked_at is not null")
                .execute(Tuple.of(sessionId)).replaceWithVoid();
    }

    public Uni<List<Unannounced>> unannounced(Duration grace, int limit) {
        return pool.preparedQuery("select id, username, created_at from users where announced_at is null "
                + "and created_at < now() - make_interval(secs => $1) order by created_at limit $2")
                .execute(Tuple.of(grace.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<Unannounced> users = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        users.add(new Unannounced(row.getUUID("id"), row.getString("username"), Times.instant(row, "created_at")));
                    }
                    return users;
                });
    }

    /** Revocations not surely sent, older than {@code grace} and still worth sending (revoked within {@code relevance}). */
    public Uni<List<UnsentRevocation>> unsentRevocations(Duration grace, Duration relevance, int limit) {
        return pool.preparedQuery("select id, user_id, revoked_at from sessions where revoked_at is not null "
                + "and revocation_sent_at is null and revoked_at < now() - make_interval(secs => $1) "
                + "and revoked_at > now() - make_interval(secs => $2) order by revoked_at limit $3")
                .execute(Tuple.of(grace.toMillis() / 1000.0, (double) relevance.toSeconds(), limit))
                .map(rows -> {
                    List<UnsentRevocation> revocations = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        revocations.add(new UnsentRevocation(row.getUUID("id"), row.getUUID("user_id"), Times.instant(row, "revoked_at")));
                    }
                    return revocations;
                });
    }

    /**
     * What is waiting to go out: users never announced, revocations not surely sent and still worth sending (revoked
     * within {@code relevance}), and the age of the oldest of either (0 when none). Both read through partial indexes.
     */
    public Uni<Depth> depth(Duration relevance) {
        return pool.preparedQuery("select (select count(*) from users where announced_at is null) as users, "
                + "(select count(*) from sessions where revoked_at is not null and revocation_sent_at is null "
                + "and revoked_at > now() - make_interval(secs => $1)) as revocations, "
                + "coalesce(extract(epoch from now() - least("
                + "(select min(created_at) from users where announced_at is null), "
                + "(select min(revoked_at) from sessions where revoked_at is not null and revocation_sent_at is null "
                + "and revoked_at > now() - make_interval(secs => $1)))), 0) as oldest")
                .execute(Tuple.of((double) relevance.toSeconds()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Depth(row.getLong("users"), row.getLong("revocations"), row.getDouble("oldest"));
                });
    }

    /** What {@link #depth(Duration)} reads. */
    public record Depth(long unannouncedUsers, long unsentRevocations, double oldestSeconds) {
    }
}
