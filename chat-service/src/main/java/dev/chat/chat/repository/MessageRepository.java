package dev.chat.chat.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Attachment;
import dev.chat.chat.domain.ChatValidation.HistoryQuery;
import dev.chat.chat.domain.Message;
import dev.chat.contracts.UuidV7;
import dev.chat.support.SqlErrors;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class MessageRepository {

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

    /*
     * Sends to any number of rooms in one statement: for each, the same checks and effects as SEND, in input
     * order within its room, and one seq bump per room (under that room row's lock) for all its new messages.
     * A clientMsgId seen twice in the batch is stored once; the second answers as existing. The rooms' rows are
     * locked in id order first, as the published-seq flush locks them (OutboxRepository.advancePublished): taken in
     * plan order, the two could deadlock. The final select
     * reads the statement's snapshot, so "messages" there holds only what existed before it.
     */
    private static final String SEND_BATCH = """
            with input as (
                select * from unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[])
                    with ordinality as t(room_id, sender_id, sender_name, client_msg_id, text, id, ord)
            ), checked as (
                select i.*,
                       exists (select 1 from room_members rm where rm.room_id = i.room_id and rm.user_id = i.sender_id) as is_member,
                       exists (select 1 from messages m where m.room_id = i.room_id and m.sender_id = i.sender_id
                               and m.client_msg_id = i.client_msg_id) as stored_before,
                       i.ord = min(i.ord) over (partition by i.room_id, i.sender_id, i.client_msg_id) as first_of_key
                from input i
            ), fresh as (
                select c.*, row_number() over (partition by c.room_id order by c.ord) as n
                from checked c where c.is_member and not c.stored_before and c.first_of_key
            ), locked as materialized (
                select r.id from rooms r where r.id in (select room_id from fresh) order by r.id for update
            ), bump as (
                update rooms r set last_seq = r.last_seq + x.added
                from (select room_id, count(*) as added from fresh group by room_id) x
                where r.id = x.room_id and r.id in (select id from locked)
                returning r.id, r.last_seq, x.added
            ), inserted as (
                insert into messages (room_id, seq, id, sender_id, sender_name, text, kind, client_msg_id, created_at)
                select f.room_id, b.last_seq - b.added + f.n, f.id, f.sender_id, f.sender_name, f.text, 'user', f.client_msg_id, $7
                from fresh f join bump b on b.id = f.room_id
                returning *
            ), marker as (
                update room_members rm set read_seq = greatest(rm.read_seq, x.top)
                from (select room_id, sender_id, max(seq) as top from inserted group by room_id, sender_id) x
                where rm.room_id = x.room_id and rm.user_id = x.sender_id
            )
            select c.ord, case when c.first_of_key then 'created' else 'existing' end as outcome, i.*
            from checked c join inserted i
                on i.room_id = c.room_id and i.sender_id = c.sender_id and i.client_msg_id = c.client_msg_id
            union all
            select c.ord, 'existing', m.*
            from checked c join messages m
                on m.room_id = c.room_id and m.sender_id = c.sender_id and m.client_msg_id = c.client_msg_id
            where c.is_member and c.stored_before
            union all
            select c.ord, case when exists (select 1 from rooms where id = c.room_id) then 'not_member' else 'no_room' end, m.*
            from checked c left join messages m on false
            where not c.is_member
            order by ord
            """;

    /*
     * A new message takes its uploads: only the sender's own, to this room, not sent yet and younger than the window
     * (the sweeper deletes unsent ones a little later, so a send never takes one being swept). Row locks make a second
     * send of the same upload wait, then find it taken. Fewer rows than ids and the whole send is rolled back.
     */
    private static final String LINK_ATTACHMENTS = """
            update attachments a set message_seq = $4, message_position = x.ord
            from unnest($1::uuid[]) with ordinality as x(id, ord)
            where a.id = x.id and a.room_id = $2 and a.uploader_id = $3 and a.message_seq is null
                and a.created_at > now() - make_interval(secs => $5)
            returning a.id, a.content_type, a.size, a.width, a.height, a.thumb_content_type, a.thumb_size, a.thumb_width,
                a.thumb_height, x.ord
            """;

    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    private static Uni<Message> findByClientMsgId(SqlConnection connection, UUID roomId, UUID senderId, String clientMsgId) {
        return connection.preparedQuery("select " + Rows.MESSAGE_COLUMNS + ", " + Rows.ATTACHMENTS + " from messages m "
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

        /** An attachment named is not the sender's unsent upload to this room (or no longer): nothing was stored. */
        record AttachmentsUnusable() implements SendOutcome {
        }
    }

    /** Thrown inside the send's transaction to roll it back when its attachments cannot all be taken. */
    private static final class AttachmentsTaken extends RuntimeException {
        AttachmentsTaken() {
            super("an attachment of the send cannot be taken", null, false, false);
        }
    }

    /**
     * Sends a message with images, in one transaction: the send statement, then the uploads taken by the new message
     * ({@link #LINK_ATTACHMENTS}, at most {@code window} old). A resend finds the stored message with its images.
     */
    public Uni<SendOutcome> sendWithAttachments(UUID roomId, Message.Sender sender, String text, String clientMsgId,
            List<UUID> attachments, Duration window, Instant now) {
        UUID id = UuidV7.next();
        return pool.withTransaction(transaction -> transaction.preparedQuery(SEND)
                .execute(Tuple.from(Arrays.asList(roomId, sender.id(), clientMsgId, id, sender.username(), text, Times.utc(now))))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    return switch (row.getString("outcome")) {
                        case "created" -> link(transaction, Rows.message(row), attachments, window);
                        case "existing" -> findByClientMsgId(transaction, roomId, sender.id(), clientMsgId)
                                .map(SendOutcome.Existing::new);
                        case "not_member" -> Uni.createFrom().item(new SendOutcome.NotMember());
                        default -> Uni.createFrom().item(new SendOutcome.NoSuchRoom());
                    };
                }))
                .onFailure(AttachmentsTaken.class).recoverWithItem(new SendOutcome.AttachmentsUnusable())
                .onFailure(SqlErrors::isUniqueViolation).recoverWithUni(() -> pool.withConnection(
                        connection -> findByClientMsgId(connection, roomId, sender.id(), clientMsgId))
                        .map(message -> (SendOutcome) new SendOutcome.Existing(message)));
    }

    private static Uni<SendOutcome> link(SqlConnection transaction, Message message, List<UUID> ids, Duration window) {
        return transaction.preparedQuery(LINK_ATTACHMENTS)
                .execute(Tuple.of(ids.toArray(new UUID[0]), message.roomId(), message.sender().id(), message.seq(),
                        window.toMillis() / 1000.0))
                .map(rows -> {
                    if (rows.rowCount() != ids.size()) {
                        throw new AttachmentsTaken();
                    }
                    Attachment[] ordered = new Attachment[ids.size()];
                    for (Row row : rows) {
                        ordered[row.getInteger("ord") - 1] = new Attachment(row.getUUID("id"), null, null, row.getString("content_type"),
                                row.getInteger("size"), row.getInteger("width"), row.getInteger("height"),
                                new Attachment.Thumbnail(row.getString("thumb_content_type"), row.getInteger("thumb_size"),
                                        row.getInteger("thumb_width"), row.getInteger("thumb_height")), null, null);
                    }
                    return new SendOutcome.Created(message.withAttachments(List.of(ordered)));
                });
    }

    /** Sends in one statement; see {@link SendOutcome}. */
    public Uni<SendOutcome> send(UUID roomId, Message.Sender sender, String text, String clientMsgId, Instant now) {
        UUID id = UuidV7.next();
        return pool.preparedQuery(SEND)
                .execute(Tuple.from(Arrays.asList(roomId, sender.id(), clientMsgId, id, sender.username(), text, Times.utc(now))))
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
                .onFailure(SqlErrors::isUniqueViolation).recoverWithUni(() -> pool.withConnection(
                        connection -> findByClientMsgId(connection, roomId, sender.id(), clientMsgId))
                        .map(message -> (SendOutcome) new SendOutcome.Existing(message)));
    }

    /** One send of a batch: where, who, which clientMsgId, what. */
    public record PendingSend(UUID roomId, Message.Sender sender, String clientMsgId, String text) {
    }

    /**
     * Sends several messages, to one room or many, in one statement; the outcomes come in input order. If it
     * fails (say, the same clientMsgId sent at this very moment through another path) the caller falls back to
     * one {@link #send} at a time.
     */
    public Uni<List<SendOutcome>> sendBatch(List<PendingSend> sends, Instant now) {
        int size = sends.size();
        UUID[] roomIds = new UUID[size];
        UUID[] senderIds = new UUID[size];
        String[] senderNames = new String[size];
        String[] clientMsgIds = new String[size];
        String[] texts = new String[size];
        UUID[] ids = new UUID[size];
        for (int i = 0; i < size; i++) {
            PendingSend send = sends.get(i);
            roomIds[i] = send.roomId();
            senderIds[i] = send.sender().id();
            senderNames[i] = send.sender().username();
            clientMsgIds[i] = send.clientMsgId();
            texts[i] = send.text();
            ids[i] = UuidV7.next();
        }
        return pool.preparedQuery(SEND_BATCH)
                .execute(Tuple.from(Arrays.asList(roomIds, senderIds, senderNames, clientMsgIds, texts, ids, Times.utc(now))))
                .map(rows -> {
                    List<SendOutcome> outcomes = new ArrayList<>(size);
                    for (Row row : rows) {
                        outcomes.add(switch (row.getString("outcome")) {
                            case "created" -> new SendOutcome.Created(Rows.message(row));
                            case "existing" -> new SendOutcome.Existing(Rows.message(row));
                            case "not_member" -> new SendOutcome.NotMember();
                            default -> new SendOutcome.NoSuchRoom();
                        });
                    }
                    if (outcomes.size() != size) {
                        throw new IllegalStateException("a batch of " + size + " sends gave " + outcomes.size() + " outcomes");
                    }
                    return outcomes;
                });
    }

    /** What an edit or a deletion came to. */
    public sealed interface ChangeOutcome {
        record Changed(Message message) implements ChangeOutcome {
        }

        record NoSuchMessage() implements ChangeOutcome {
        }

        /** Not the author's (and, for a deletion, the caller does not own the room either). */
        record NotAuthor() implements ChangeOutcome {
        }

        record AlreadyDeleted() implements ChangeOutcome {
        }
    }

    /** The message's row, locked for the rest of the transaction; null if the room has no such seq. */
    private static Uni<Message> lock(SqlConnection transaction, UUID roomId, long seq) {
        return transaction.preparedQuery("select " + Rows.MESSAGE_COLUMNS
                        + " from messages m where m.room_id = $1 and m.seq = $2 for update")
                .execute(Tuple.of(roomId, seq))
                .map(rows -> rows.size() == 0 ? null : Rows.message(rows.iterator().next()));
    }

    /** {@code decide} on the message's locked row, unless there is no such message or it was deleted. */
    private static Uni<ChangeOutcome> onLiveMessage(SqlConnection transaction, UUID roomId, long seq,
            Function<Message, Uni<ChangeOutcome>> decide) {
        return lock(transaction, roomId, seq).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(new ChangeOutcome.NoSuchMessage());
            }
            return found.deleted() ? Uni.createFrom().item(new ChangeOutcome.AlreadyDeleted()) : decide.apply(found);
        });
    }

    /** An update of one message ({@code set}, its parameters from $3 on), answered with the changed message. */
    private static Uni<ChangeOutcome> update(SqlConnection transaction, String set, Tuple values) {
        return transaction.preparedQuery("update messages m set " + set + " where m.room_id = $1 and m.seq = $2 returning "
                        + Rows.MESSAGE_COLUMNS)
                .execute(values)
                .map(rows -> new ChangeOutcome.Changed(Rows.message(rows.iterator().next())));
    }

    /** Replaces the text of its author's message, in the caller's transaction. A deleted message stays deleted. */
    public Uni<ChangeOutcome> edit(SqlConnection transaction, UUID roomId, long seq, UUID authorId, String text, Instant now) {
        return onLiveMessage(transaction, roomId, seq, found -> {
            if (!Message.USER.equals(found.kind()) || !authorId.equals(found.sender().id())) {
                return Uni.createFrom().item(new ChangeOutcome.NotAuthor());
            }
            return update(transaction, "text = $3, edited_at = $4", Tuple.of(roomId, seq, text, Times.utc(now)));
        });
    }

    /**
     * Deletes a message for its author, or for anyone when {@code byOwner} (the caller owns the room): the row and its
     * seq stay, its text goes. In the caller's transaction.
     */
    public Uni<ChangeOutcome> delete(SqlConnection transaction, UUID roomId, long seq, UUID callerId, boolean byOwner, Instant now) {
        return onLiveMessage(transaction, roomId, seq, found -> {
            // A system line is the room's record, not its actor's: only the owner removes one.
            if (!byOwner && (found.isSystem() || !callerId.equals(found.sender().id()))) {
                return Uni.createFrom().item(new ChangeOutcome.NotAuthor());
            }
            // Its reactions go with its text: nobody can see what they reacted to any more.
            return transaction.preparedQuery("delete from message_reactions where room_id = $1 and seq = $2")
                    .execute(Tuple.of(roomId, seq))
                    .chain(() -> update(transaction, "text = '', edited_at = null, deleted_at = $3",
                            Tuple.of(roomId, seq, Times.utc(now))));
        });
    }

    public record Page(List<Message> messages, boolean hasMore) {
    }

    /**
     * A page of history, ascending by seq. With {@code afterSeq} (or {@code since}) alone it reads forward
     * from there; otherwise it reads backward from {@code beforeSeq} (or {@code until}, or the newest),
     * which is how a client scrolls back. {@code hasMore}: there are more messages in the reading direction. Each message
     * carries its reaction counts, and which of them are {@code readerId}'s.
     */
    public Uni<Page> history(HistoryQuery query, UUID readerId) {
        boolean forward = query.forward();
        List<Object> params = new ArrayList<>();
        params.add(query.roomId());
        params.add(readerId);
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
            params.add(Times.utc(query.since()));
            where.append(" and m.created_at >= $").append(params.size());
        }
        if (query.until() != null) {
            params.add(Times.utc(query.until()));
            where.append(" and m.created_at < $").append(params.size());
        }
        params.add(query.limit() + 1);
        String sql = "select " + Rows.MESSAGE_COLUMNS + ", " + Rows.REACTIONS + ", " + Rows.myReactions(2) + ", " + Rows.ATTACHMENTS
                + " from messages m where "
                + where
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
