package dev.chat.chat.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Attachment;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The attachments table: what chat-service knows of the uploads whose bytes the AttachmentStore keeps. */
@ApplicationScoped
public class AttachmentRepository {

    private static final String COLUMNS = "id, room_id, uploader_id, content_type, size, width, height, thumb_content_type, "
            + "thumb_size, thumb_width, thumb_height, created_at, message_seq";

    private final Pool pool;

    public AttachmentRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(Attachment attachment) {
        Attachment.Thumbnail thumb = attachment.thumbnail();
        return pool.preparedQuery("insert into attachments (" + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.from(Arrays.asList(attachment.id(), attachment.roomId(), attachment.uploaderId(), attachment.contentType(),
                        attachment.size(), attachment.width(), attachment.height(), thumb.contentType(), thumb.size(), thumb.width(),
                        thumb.height(), Times.utc(attachment.createdAt()), attachment.messageSeq())))
                .replaceWithVoid();
    }

    public Uni<Optional<Attachment>> find(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from attachments where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(attachment(rows.iterator().next())));
    }

    /**
     * What no one can see any more, at most {@code limit}: uploads no message carried within {@code orphanAfter}, those
     * whose message was deleted or evicted, and those of deleted rooms.
     */
    public Uni<List<UUID>> unreachable(Duration orphanAfter, int limit) {
        return pool.preparedQuery("select a.id from attachments a where "
                        + "(a.message_seq is null and a.created_at < now() - make_interval(secs => $1)) "
                        + "or not exists (select 1 from rooms r where r.id = a.room_id) "
                        + "or (a.message_seq is not null and not exists (select 1 from messages m where m.room_id = a.room_id "
                        + "and m.seq = a.message_seq and m.deleted_at is null)) limit $2")
                .execute(Tuple.of(orphanAfter.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    public Uni<Integer> delete(List<UUID> ids) {
        return pool.preparedQuery("delete from attachments where id = any($1)").execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(rows -> rows.rowCount());
    }

    private static Attachment attachment(Row row) {
        return new Attachment(row.getUUID("id"), row.getUUID("room_id"), row.getUUID("uploader_id"), row.getString("content_type"),
                row.getInteger("size"), row.getInteger("width"), row.getInteger("height"),
                new Attachment.Thumbnail(row.getString("thumb_content_type"), row.getInteger("thumb_size"), row.getInteger("thumb_width"),
                        row.getInteger("thumb_height")),
                Times.instant(row, "created_at"), row.getLong("message_seq"));
    }
}
