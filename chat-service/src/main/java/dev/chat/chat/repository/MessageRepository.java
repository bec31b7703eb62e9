package dev.chat.chat.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.ChatValidation.HistoryQuery;
import dev.chat.chat.domain.Message;
import dev.chat.contracts.UuidV7;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class MessageRepository {

    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored message and whether this call stored it (false: a resend of a stored one). */
    public record Appended(Message message, boolean created) {
    }

    /**
     * Stores a message under the room's next seq, in one transaction: the room row's lock orders concurrent
     * sends, so seqs have no gap and no duplicate. A clientMsgId the sender already used in this room returns
     * the stored message and stores nothing. The sender's read marker moves to their own message.
     */
    public Uni<Appended> append(UUID roomId, Message.Sender sender, String text, String clientMsgId, Instant now) {
        return pool.withTransaction(connection -> findByClientMsgId(connection, roomId, sender.id(), clientMsgId)
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(new Appended(existing, false))
                        : connection.preparedQuery("update rooms set last_seq = last_seq + 1 where id = $1 returning last_seq")
                                .execute(Tuple.of(roomId))
                                .chain(rows -> {
                                    long seq = rows.iterator().next().getLong("last_seq");
                                    Message message = new Message(UuidV7.next(), roomId, seq, sender, text, Message.USER,
                                            clientMsgId, now);
                                    return insert(connection, message)
                                            .chain(() -> connection.preparedQuery(
                                                    "update room_members set read_seq = greatest(read_seq, $3) where room_id = $1 and user_id = $2")
                                                    .execute(Tuple.of(roomId, sender.id(), seq)))
                                            .replaceWith(new Appended(message, true));
                                })));
    }

    private static Uni<Message> findByClientMsgId(SqlConnection connection, UUID roomId, UUID senderId, String clientMsgId) {
        return connection.preparedQuery("select " + Rows.MESSAGE_COLUMNS + " from messages m "
                + "where m.room_id = $1 and m.sender_id = $2 and m.client_msg_id = $3")
                .execute(Tuple.of(roomId, senderId, clientMsgId))
                .map(rows -> rows.size() == 0 ? null : Rows.message(rows.iterator().next()));
    }

    private static Uni<Void> insert(SqlConnection connection, Message message) {
        return connection.preparedQuery("insert into messages (room_id, seq, id, sender_id, sender_name, text, kind, client_msg_id, created_at) "
                + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(message.roomId(), message.seq(), message.id(), message.sender().id(),
                        message.sender().username(), message.text(), message.kind(), message.clientMsgId(),
                        Rows.utc(message.createdAt()))))
                .replaceWithVoid();
    }

    public record Page(List<Message> messages, boolean hasMore) {
    }

    /**
     * A page of history, ascending by seq. With {@code afterSeq} (or {@code since}) alone it reads forward
     * from there; otherwise it reads backward from {@code beforeSeq} (or {@code until}, or the newest),
     * which is how a client scrolls back. {@code hasMore}: there are more messages in the reading direction.
     */
    public Uni<Page> history(HistoryQuery query) {
        boolean forward = (query.afterSeq() != null || query.since() != null) && query.beforeSeq() == null && query.until() == null;
        List<Object> params = new ArrayList<>();
        params.add(query.roomId());
        StringBuilder where = new StringBuilder("m.room_id = $1");
        if (query.afterSeq() != null) {
            params.add(query.afterSeq());
            where.append(" and m.seq > $").append(params.size());
        }
        if (query.beforeSeq() != null) {
            params.add(query.beforeSeq());
            where.append(" and m.seq < $").append(params.size());
        }
        if (query.since() != null) {
            params.add(Rows.utc(query.since()));
            where.append(" and m.created_at >= $").append(params.size());
        }
        if (query.until() != null) {
            params.add(Rows.utc(query.until()));
            where.append(" and m.created_at < $").append(params.size());
        }
        params.add(query.limit() + 1);
        String sql = "select " + Rows.MESSAGE_COLUMNS + " from messages m where " + where
                + " order by m.seq " + (forward ? "asc" : "desc") + " limit $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<Message> messages = new ArrayList<>(rows.size());
            for (Row row : rows) {
                messages.add(Rows.message(row));
            }
            boolean hasMore = messages.size() > query.limit();
            if (hasMore) {
                messages.remove(messages.size() - 1);
            }
            if (!forward) {
                Collections.reverse(messages);
            }
            return new Page(messages, hasMore);
        });
    }
}
