package dev.chat.chat.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.chat.chat.domain.Attachment;
import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.Room;
import dev.chat.contracts.ChatEvent.Retention;
import dev.chat.support.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** Mapping between rows and domain records. */
final class Rows {

    static final String ROOM_COLUMNS = "r.id, r.kind, r.name, r.topic, r.visibility, r.password_hash, r.owner_id, r.created_at, r.last_seq,"
            + " r.retention_max_age_days, r.retention_max_messages, r.evicted_through, r.system_lines";
    static final String MESSAGE_COLUMNS =
            "m.id, m.room_id, m.seq, m.sender_id, m.sender_name, m.text, m.kind, m.client_msg_id, m.created_at, m.edited_at, m.deleted_at";

    /** A message's reaction counts, per emoji in the order first used, as JSON text (null when none). */
    static final String REACTIONS = "(select json_object_agg(x.emoji, x.n order by x.first)::text from (select r.emoji, count(*) as n,"
            + " min(r.created_at) as first from message_reactions r where r.room_id = m.room_id and r.seq = m.seq group by r.emoji) x)"
            + " as reactions";

    /**
     * A message's attachments in the order sent, as JSON text of arrays (null when none): id, type, size, width, height,
     * then the thumbnail's type, size, width, height. An index lookup on (room_id, message_seq), like the reactions'.
     */
    static final String ATTACHMENTS = "(select json_agg(json_build_array(a.id, a.content_type, a.size, a.width, a.height,"
            + " a.thumb_content_type, a.thumb_size, a.thumb_width, a.thumb_height) order by a.message_position)::text"
            + " from attachments a where a.room_id = m.room_id and a.message_seq = m.seq) as attachments";

    private Rows() {
    }

    /** The emoji the user {@code $param} reacted with, as a JSON array (null when none). */
    static String myReactions(int param) {
        return "(select json_agg(r.emoji order by r.created_at)::text from message_reactions r where r.room_id = m.room_id"
                + " and r.seq = m.seq and r.user_id = $" + param + ") as my_reactions";
    }

    static Room room(Row row) {
        return new Room(row.getUUID("id"), row.getString("kind"), row.getString("name"), row.getString("topic"),
                row.getString("visibility"), row.getString("password_hash"), row.getUUID("owner_id"),
                Times.instant(row, "created_at"), row.getLong("last_seq"), retention(row), row.getLong("evicted_through"),
                row.getBoolean("system_lines"));
    }

    private static Retention retention(Row row) {
        Integer maxAgeDays = row.getInteger("retention_max_age_days");
        Integer maxMessages = row.getInteger("retention_max_messages");
        return maxAgeDays == null && maxMessages == null ? null : new Retention(maxAgeDays, maxMessages);
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
                Times.instant(row, prefix + "created_at"), deleted ? null : editedAt, deleted,
                deleted ? Map.of() : reactions(row, prefix + "reactions"), deleted ? List.of() : myReactions(row, prefix + "my_reactions"),
                deleted ? List.of() : attachments(row, prefix + "attachments"));
    }

    /** The selected attachments ({@link #ATTACHMENTS}); none when not selected. Room and uploader stay out: never sent. */
    private static List<Attachment> attachments(Row row, String column) {
        if (!has(row, column) || row.getValue(column) == null) {
            return List.of();
        }
        List<Attachment> attachments = new ArrayList<>();
        new JsonArray(row.getString(column)).forEach(value -> {
            JsonArray a = (JsonArray) value;
            attachments.add(new Attachment(UUID.fromString(a.getString(0)), null, null, a.getString(1), a.getInteger(2),
                    a.getInteger(3), a.getInteger(4), new Attachment.Thumbnail(a.getString(5), a.getInteger(6), a.getInteger(7),
                    a.getInteger(8)), null, null));
        });
        return attachments;
    }

    /**
     * The selected reaction counts ({@link #REACTIONS}), as a JSON object of emoji to count in the order the emoji were
     * first used; none when not selected.
     */
    private static Map<String, Long> reactions(Row row, String column) {
        if (!has(row, column) || row.getValue(column) == null) {
            return Map.of();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        new JsonObject(row.getString(column)).forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        return counts;
    }

    private static List<String> myReactions(Row row, String column) {
        if (!has(row, column) || row.getValue(column) == null) {
            return List.of();
        }
        List<String> emoji = new ArrayList<>();
        new JsonArray(row.getString(column)).forEach(value -> emoji.add((String) value));
        return emoji;
    }

    private static boolean has(Row row, String column) {
        return row.getColumnIndex(column) >= 0;
    }
}
