package dev.chat.chat.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.SearchQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Full-text search over the messages of the rooms a user is a member of now (the messages_search index). */
@ApplicationScoped
public class SearchRepository {

    /**
     * Membership is read in the same statement, so a member who left finds nothing of that room from the moment the leave
     * committed. Ranked by how well the words match, then newest first. $5 limits to one room when not null.
     */
    private static final String SEARCH = "select " + Rows.MESSAGE_COLUMNS + ", ts_rank(m.search, q.query) as rank"
            + " from to_tsquery('simple', $2) as q(query), room_members rm join messages m on m.room_id = rm.room_id"
            + " where rm.user_id = $1 and ($5::uuid is null or rm.room_id = $5::uuid) and m.search @@ q.query"
            + " and m.deleted_at is null and m.kind = 'user'"
            + " order by rank desc, m.created_at desc, m.seq desc limit $3 offset $4";

    private final Pool pool;

    public SearchRepository(Pool pool) {
        this.pool = pool;
    }

    public record Hits(List<Message> messages, boolean hasMore) {
    }

    public Uni<Hits> search(UUID userId, SearchQuery query) {
        return pool.preparedQuery(SEARCH)
                .execute(Tuple.of(userId, query.tsquery(), query.limit() + 1, query.offset(), query.roomId()))
                .map(rows -> {
                    List<Message> messages = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        messages.add(Rows.message(row));
                    }
                    boolean hasMore = messages.size() > query.limit();
                    return new Hits(hasMore ? messages.subList(0, query.limit()) : messages, hasMore);
                });
    }
}
