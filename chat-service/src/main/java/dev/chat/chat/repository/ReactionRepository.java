package dev.chat.chat.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The message_reactions table: who reacted to which message with which emoji. */
@ApplicationScoped
public class ReactionRepository {

    /**
     * Adds ($6 true) or removes the member's reaction, and counts the emoji's reactions before the change and the
     * message's different emoji. The insert happens only if the emoji is on the message already or the message has
     * fewer than $7 different emoji.
     */
    private static final String TOGGLE = """
            with added as (
                insert into message_reactions (room_id, seq, emoji, user_id, created_at)
                select $1::uuid, $2::bigint, $3::varchar, $4::uuid, $5::timestamptz where $6::boolean and (
                    exists (select 1 from message_reactions where room_id = $1 and seq = $2 and emoji = $3)
                    or (select count(distinct emoji) from message_reactions where room_id = $1 and seq = $2) < $7::int)
                on conflict do nothing
                returning 1
            ), removed as (
                delete from message_reactions where not $6 and room_id = $1 and seq = $2 and emoji = $3 and user_id = $4
                returning 1
            )
            select (select count(*) from added) as added, (select count(*) from removed) as removed,
                (select count(*) from message_reactions where room_id = $1 and seq = $2 and emoji = $3) as before,
                exists (select 1 from message_reactions where room_id = $1 and seq = $2 and emoji = $3 and user_id = $4) as had
            """;

    /** What a reaction came to. */
    public sealed interface ReactOutcome {
        /** {@code changed}: the member's reaction was added or removed (false: it already was, or was not, there). */
        record Reacted(long count, boolean changed) implements ReactOutcome {
        }

        record NoSuchMessage() implements ReactOutcome {
        }

        record Deleted() implements ReactOutcome {
        }

        /** The message carries the most different emoji it may, and this one is not among them. */
        record TooManyEmoji() implements ReactOutcome {
        }
    }

    /**
     * Adds ({@code on}) or takes back a member's reaction, in the caller's transaction. The message's row is locked
     * first, so reactions to one message are counted one after another and each event's count is exact; a deleted
     * message takes no reactions.
     */
    public Uni<ReactOutcome> react(SqlConnection transaction, UUID roomId, long seq, UUID userId, String emoji, boolean on,
            int maxEmojiPerMessage, Instant now) {
        return transaction.preparedQuery("select deleted_at from messages where room_id = $1 and seq = $2 for update")
                .execute(Tuple.of(roomId, seq))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new ReactOutcome.NoSuchMessage());
                    }
                    if (rows.iterator().next().getValue("deleted_at") != null) {
                        return Uni.createFrom().item(new ReactOutcome.Deleted());
                    }
                    // Its own statement, after the lock: in read committed it sees every reaction committed before.
                    return transaction.preparedQuery(TOGGLE)
                            .execute(Tuple.tuple().addValue(roomId).addValue(seq).addValue(emoji).addValue(userId)
                                    .addValue(Times.utc(now)).addValue(on).addValue(maxEmojiPerMessage))
                            .map(result -> outcome(result.iterator().next(), on));
                });
    }

    private static ReactOutcome outcome(Row row, boolean on) {
        long before = row.getLong("before");
        long added = row.getLong("added");
        long removed = row.getLong("removed");
        if (on && added == 0 && !row.getBoolean("had")) {
            return new ReactOutcome.TooManyEmoji();
        }
        return new ReactOutcome.Reacted(before + added - removed, added + removed > 0);
    }
}
