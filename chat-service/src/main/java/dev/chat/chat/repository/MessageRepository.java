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

    private static Uni<Message> findByClientMsgId(SqlConnection connection, UUID roomId, UUID senderId, String clientMsgId) {
        return connection.preparedQuery("select " + Rows.MESSAGE_COLUMNS + " from messages m "
                + "where m.room_id = $1 and m.sender_id = $2 and m.client_msg_id = $3")
                .execute(Tuple.of(roomId, senderId, clientMsgId))
                .map(rows -> rows.size() == 0 ? null : Rows.message(rows.iterator().next()));
    }

    /** What a send came to, decided in one statement. */
    public sealed interface SendOutcome {
        record Created(Message message) implements SendOutcome {
        }

        /** The sender used this clientMsgId in this room before: the stored message, nothing new. */
        record Existing(Message message) implements SendOutcome {
        }

        record NotMember() implements SendOutcome {
        }

        record NoSuchRoom() implements SendOutcome {
        }
    }

    /*
     * One round trip for the whole send: membership, the idempotency check, the seq bump under the room row's
     * lock, the insert and the sender's read marker. Data-modifying CTEs run as one atomic statement.
     */
    private static final String SEND = """
            with member as (
                select 1 from room_members where room_id = $1 and user_id = $2
            ), existing as (
                select * from messages where room_id = $1 and sender_id = $2 and client_msg_id = $3
            ), bump as (
                update rooms set last_seq = last_seq + 1
                where id = $1 and exists (select 1 from member) and not exists (select 1 from existing)
                returning last_seq
            ), inserted as (
                insert into messages (room_id, seq, id, sender_id, sender_name, text, kind, client_msg_id, created_at)
                select $1, bump.last_seq, $4, $2, $5, $6, 'user', $3, $7 from bump
                returning *
            ), marker as (
                update room_members set read_seq = greatest(read_seq, (select seq from inserted))
                where room_id = $1 and user_id = $2 and exists (select 1 from inserted)
            )
            select 'created' as outcome, i.* from inserted i
            union all
            select 'existing', e.* from existing e where exists (select 1 from member)
            union all
            select case when exists (select 1 from rooms where id = $1) then 'not_member' else 'no_room' end, m.*
            from (select 1) one left join messages m on false
            where not exists (select 1 from member)
            """;

    /** Sends in one statement; see {@link SendOutcome}. */
    public Uni<SendOutcome> send(UUID roomId, Message.Sender sender, String text, String clientMsgId, Instant now) {
        UUID id = UuidV7.next();
        return pool.preparedQuery(SEND)
                .execute(Tuple.from(Arrays.asList(roomId, sender.id(), clientMsgId, id, sender.username(), text, Rows.utc(now))))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return (SendOutcome) switch (row.getString("outcome")) {
                        case "created" -> new SendOutcome.Created(Rows.message(row));
                        case "existing" -> new SendOutcome.Existing(Rows.message(row));
                        case "not_member" -> new SendOutcome.NotMember();
                        default -> new SendOutcome.NoSuchRoom();
                    };
                })
                // Two sends with one clientMsgId at the very same moment: the loser finds the winner's message.
                .onFailure(Rows::isUniqueViolation).recoverWithUni(() -> pool.withConnection(
                        connection -> findByClientMsgId(connection, roomId, sender.id(), clientMsgId))
                        .map(message -> (SendOutcome) new SendOutcome.Existing(message)));
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
