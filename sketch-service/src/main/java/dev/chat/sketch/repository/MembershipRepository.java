package dev.chat.sketch.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contracts.GeneralRoom;
import dev.chat.sketch.domain.Access;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * sketch-service's own record of rooms and their members, kept from chat-service's member and room events (never read
 * from chat-service's database). The general room has no events: everyone is its member.
 */
@ApplicationScoped
public class MembershipRepository {

    private final Pool pool;

    public MembershipRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Access> access(UUID roomId, UUID userId) {
        if (GeneralRoom.ID.equals(roomId)) {
            return Uni.createFrom().item(Access.MEMBER);
        }
        return pool.preparedQuery("select r.owner_id, m.user_id from rooms r left join room_members m"
                        + " on m.room_id = r.room_id and m.user_id = $2 where r.room_id = $1")
                .execute(Tuple.of(roomId, userId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Access.NO_SUCH_ROOM;
                    }
                    Row row = rows.iterator().next();
                    if (row.getUUID("user_id") == null) {
                        return Access.NOT_A_MEMBER;
                    }
                    return userId.equals(row.getUUID("owner_id")) ? Access.OWNER : Access.MEMBER;
                });
    }

    /** A member joined; {@code owner} when they created the room. Repeating it changes nothing. */
    public Uni<Void> joined(UUID roomId, UUID userId, boolean owner) {
        return pool.withTransaction(tx -> tx.preparedQuery("insert into rooms (room_id, owner_id) values ($1, $2)"
                                + " on conflict (room_id) do update set owner_id = coalesce(excluded.owner_id, rooms.owner_id)")
                        .execute(Tuple.of(roomId, owner ? userId : null))
                        .chain(() -> tx.preparedQuery("insert into room_members (room_id, user_id) values ($1, $2) on conflict do nothing")
                                .execute(Tuple.of(roomId, userId))))
                .replaceWithVoid();
    }

    public Uni<Void> left(UUID roomId, UUID userId) {
        return pool.preparedQuery("delete from room_members where room_id = $1 and user_id = $2")
                .execute(Tuple.of(roomId, userId)).replaceWithVoid();
    }

    /** In the caller's transaction, with the canvas's deletion. */
    public Uni<Void> roomDeleted(SqlClient client, UUID roomId) {
        return client.preparedQuery("delete from rooms where room_id = $1").execute(Tuple.of(roomId)).replaceWithVoid();
    }
}
