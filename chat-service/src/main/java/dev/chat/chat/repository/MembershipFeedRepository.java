package dev.chat.chat.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Room;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the one-time fill of the membership feed reads, and its marker that it was done. */
@ApplicationScoped
public class MembershipFeedRepository {

    public static final String MEMBERSHIPS = "chat.memberships";

    private final Pool pool;

    public MembershipFeedRepository(Pool pool) {
        this.pool = pool;
    }

    /** A membership as the feed carries it. */
    public record Member(UUID roomId, UUID userId, String username, String role) {
    }

    public Uni<Boolean> isFilled(String feed) {
        return pool.preparedQuery("select 1 from feeds where name = $1").execute(Tuple.of(feed)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> markFilled(String feed) {
        return pool.preparedQuery("insert into feeds (name, completed_at) values ($1, now()) on conflict do nothing")
                .execute(Tuple.of(feed)).replaceWithVoid();
    }

    /** Every membership of every room but general (whose members no event names), owners of a room first. */
    public Uni<List<Member>> allMemberships() {
        return pool.preparedQuery("select m.room_id, m.user_id, u.username, m.role from room_members m"
                        + " join users u on u.id = m.user_id where m.room_id <> $1 order by m.room_id, m.role desc")
                .execute(Tuple.of(Room.GENERAL_ID))
                .map(rows -> {
                    List<Member> members = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        members.add(new Member(row.getUUID("room_id"), row.getUUID("user_id"), row.getString("username"),
                                row.getString("role")));
                    }
                    return members;
                });
    }
}
