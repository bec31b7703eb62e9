package dev.chat.chat.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What has gone out on Kafka and what may not have: rooms' {@code published_seq} for messages (the message table is its
 * own outbox), and the {@code outbox} table for the other events that follow a commit.
 */
@ApplicationScoped
public class OutboxRepository {

    /** An event written with the change it announces, to be published and then deleted. */
    public record Pending(UUID roomId, String membershipKey, String payload) {
    }

    /** A stored event: {@link Pending} with its row id. */
    public record Stored(long id, UUID roomId, String membershipKey, String payload) {
    }

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes events in the caller's transaction; their ids in order. */
    public Uni<List<Long>> insert(SqlClient transaction, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            rows.add(Tuple.of(event.roomId(), event.membershipKey(), event.payload()));
        }
        return transaction.preparedQuery("insert into outbox (room_id, membership_key, payload) values ($1, $2, $3) returning id")
                .executeBatch(rows)
                .map(result -> {
                    List<Long> ids = new ArrayList<>(events.size());
                    for (var page = result; page != null; page = page.next()) {
                        for (Row row : page) {
                            ids.add(row.getLong(0));
                        }
                    }
                    return ids;
                });
    }

    /**
     * True if an event of one of these rooms older than {@code id} still waits in the outbox (its publish failed): the
     * newer ones must then wait behind it for the relay, or a reader would see them out of order.
     */
    public Uni<Boolean> olderWaiting(List<UUID> roomIds, long id) {
        return pool.preparedQuery("select exists (select 1 from outbox where room_id = any($1) and id < $2)")
                .execute(Tuple.of(roomIds.toArray(new UUID[0]), id))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<Void> delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("delete from outbox where id = any($1)").execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid();
    }

    /**
     * Events older than {@code grace} still here (their publisher died, or the broker refused them), oldest first,
     * locked for this transaction so two instances do not both publish them; the caller publishes, then deletes them in
     * the same transaction.
     */
    public Uni<List<Stored>> leftovers(SqlConnection transaction, Duration grace, int limit) {
        return transaction.preparedQuery("select id, room_id, membership_key, payload from outbox "
                + "where created_at < now() - make_interval(secs => $1) order by id limit $2 for update skip locked")
                .execute(Tuple.of(grace.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        stored.add(new Stored(row.getLong(0), row.getUUID(1), row.getString(2), row.getString(3)));
                    }
                    return stored;
                });
    }

    public Uni<Void> delete(SqlConnection transaction, List<Long> ids) {
        return transaction.preparedQuery("delete from outbox where id = any($1)").execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid();
    }

    /** Moves rooms' published_seq up to what the publisher has had acknowledged (never down). */
    public Uni<Void> advancePublished(Map<UUID, Long> publishedSeqs) {
        if (publishedSeqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] rooms = new UUID[publishedSeqs.size()];
        Long[] seqs = new Long[publishedSeqs.size()];
        int i = 0;
        for (var entry : publishedSeqs.entrySet()) {
            rooms[i] = entry.getKey();
            seqs[i++] = entry.getValue();
        }
        // The rows are locked in id order, as a batch of sends locks them (MessageRepository.SEND_BATCH): in whatever order
        // a plan met them, the two could wait on each other (a deadlock PostgreSQL breaks after deadlock_timeout).
        return pool.preparedQuery("with locked as materialized (select r.id, v.seq from rooms r "
                + "join unnest($1::uuid[], $2::bigint[]) as v(id, seq) on r.id = v.id where r.published_seq < v.seq "
                + "order by r.id for update of r) "
                + "update rooms r set published_seq = l.seq from locked l where r.id = l.id and r.published_seq < l.seq")
                .execute(Tuple.of(rooms, seqs))
                .replaceWithVoid();
    }

    /**
     * Messages above their room's published_seq and older than {@code grace}: committed, and maybe never published.
     * Room by room, in seq order; at most {@code limit}.
     */
    public Uni<List<Message>> unpublishedMessages(Duration grace, int limit) {
        return pool.preparedQuery("select " + Rows.MESSAGE_COLUMNS + ", " + Rows.ATTACHMENTS + " from rooms r cross join lateral ("
                + "select * from messages m where m.room_id = r.id and m.seq > r.published_seq "
                + "and m.created_at < now() - make_interval(secs => $1) order by m.seq limit $2) m "
                + "where r.last_seq > r.published_seq order by m.room_id, m.seq limit $2")
                .execute(Tuple.of(grace.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<Message> messages = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        messages.add(Rows.message(row));
                    }
                    return messages;
                });
    }

    /** How much is waiting to go out: the outbox's events and the age of the oldest, and messages above published_seq. */
    public Uni<Depth> depth() {
        return pool.query("select (select count(*) from outbox) as events, "
                + "(select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox) as oldest, "
                + "(select coalesce(sum(last_seq - published_seq), 0) from rooms where last_seq > published_seq) as messages")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Depth(row.getLong("events"), row.getDouble("oldest"), row.getLong("messages"));
                });
    }

    /** What {@link #depth()} reads. */
    public record Depth(long events, double oldestEventSeconds, long unpublishedMessages) {
    }
}
