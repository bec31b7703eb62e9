package dev.chat.chat.repository;

import java.time.Instant;

import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.Room;
import dev.chat.support.Times;
import io.vertx.mutiny.sqlclient.Row;

/** Mapping between rows and domain records. */
final class Rows {

    static final String ROOM_COLUMNS = "r.id, r.kind, r.name, r.topic, r.visibility, r.password_hash, r.owner_id, r.created_at, r.last_seq";
    static final String MESSAGE_COLUMNS =
            "m.id, m.room_id, m.seq, m.sender_id, m.sender_name, m.text, m.kind, m.client_msg_id, m.created_at, m.edited_at, m.deleted_at";

    private Rows() {
    }

    static Room room(Row row) {
        return new Room(row.getUUID("id"), row.getString("kind"), row.getString("name"), row.getString("topic"),
                row.getString("visibility"), row.getString("password_hash"), row.getUUID("owner_id"),
                Times.instant(row, "created_at"), row.getLong("last_seq"));
    }

    static Message message(Row row) {
        return message(row, "");
    }

    /**
     * A message from columns carrying {@code prefix} (for joins that select a message beside a room). A deleted one
     * comes without its text; rows of a statement that did not select the lifecycle columns read as neither edited
     * nor deleted.
     */
    static Message message(Row row, String prefix) {
        boolean deleted = has(row, prefix + "deleted_at") && row.getValue(prefix + "deleted_at") != null;
        Instant editedAt = has(row, prefix + "edited_at") && row.getValue(prefix + "edited_at") != null
                ? Times.instant(row, prefix + "edited_at") : null;
        return new Message(row.getUUID(prefix + "id"), row.getUUID(prefix + "room_id"), row.getLong(prefix + "seq"),
                new Message.Sender(row.getUUID(prefix + "sender_id"), row.getString(prefix + "sender_name")),
                deleted ? null : row.getString(prefix + "text"), row.getString(prefix + "kind"), row.getString(prefix + "client_msg_id"),
                Times.instant(row, prefix + "created_at"), deleted ? null : editedAt, deleted);
    }

    private static boolean has(Row row, String column) {
        return row.getColumnIndex(column) >= 0;
    }
}
