package dev.chat.chat.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** What rooms' retention takes: the rooms that have one, and their oldest messages, a bounded batch at a time. */
@ApplicationScoped
public class EvictionRepository {

    private final Pool pool;

    public EvictionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A room with a retention, and where its messages stand. */
    public record Retained(UUID roomId, Integer maxAgeDays, Integer maxMessages, long lastSeq, long publishedSeq, long evictedThrough) {
    }

    public Uni<List<Retained>> roomsWithRetention() {
        return pool.query("select id, retention_max_age_days, retention_max_messages, last_seq, published_seq, evicted_through "
                        + "from rooms where retention_max_age_days is not null or retention_max_messages is not null")
                .execute()
                .map(rows -> {
                    List<Retained> rooms = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        rooms.add(new Retained(row.getUUID("id"), row.getInteger("retention_max_age_days"),
                                row.getInteger("retention_max_messages"), row.getLong("last_seq"), row.getLong("published_seq"),
                                row.getLong("evicted_through")));
                    }
                    return rooms;
                });
    }

    /** The seq of the room's newest message older than {@code days}; 0 if none is (messages_room_time, read backwards). */
    public Uni<Long> newestOlderThan(UUID roomId, int days) {
        return pool.preparedQuery("select seq from messages where room_id = $1 and created_at < now() - make_interval(days => $2) "
                        + "order by created_at desc, seq desc limit 1")
                .execute(Tuple.of(roomId, days))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("seq"));
    }

    /**
     * Evicts the room's messages above {@code from} up to {@code upto} (their reactions go with them), and records
     * {@code upto} as evicted. Only if the room's evicted seq is still {@code from}: two instances evicting the same room
     * at once do it once. The number of messages removed. In the caller's transaction.
     */
    public Uni<Integer> evict(SqlConnection transaction, UUID roomId, long from, long upto) {
        return transaction.preparedQuery("update rooms set evicted_through = $3 where id = $1 and evicted_through = $2")
                .execute(Tuple.of(roomId, from, upto))
                .chain(claimed -> claimed.rowCount() == 0 ? Uni.createFrom().item(0)
                        : transaction.preparedQuery("delete from messages where room_id = $1 and seq > $2 and seq <= $3")
                                .execute(Tuple.of(roomId, from, upto))
                                .map(deleted -> deleted.rowCount()));
    }
}
