package dev.chat.chat.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Message;
import dev.chat.contracts.UuidV7;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** System lines: kind 'system' messages in a room's timeline, each with its own seq like any message. */
@ApplicationScoped
public class SystemLineRepository {

    /**
     * Takes the room's next seq, under its row's lock as a send does, only if the room shows system lines (read under
     * that lock, so a line never slips past the owner turning them off).
     */
    private static final String WRITE = "with bump as (update rooms set last_seq = last_seq + 1 where id = $1 and system_lines "
            + "returning last_seq) insert into messages as m (room_id, seq, id, sender_id, sender_name, text, kind, created_at) "
            + "select $1, b.last_seq, $2, $3, $4, $5, 'system', $6 from bump b returning " + Rows.MESSAGE_COLUMNS;

    /** The line, in the caller's transaction; null when the room does not show system lines. */
    public Uni<Message> write(SqlConnection transaction, UUID roomId, Message.Sender actor, String text, Instant now) {
        return transaction.preparedQuery(WRITE)
                .execute(Tuple.of(roomId, UuidV7.next(), actor.id(), actor.username(), text, Times.utc(now)))
                .map(rows -> rows.size() == 0 ? null : Rows.message(rows.iterator().next()));
    }
}
