package dev.chat.chat.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.SystemLineTexts;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * chat-service's own record of users: enough to name senders and members and to open direct rooms.
 * Fed by user.events, and by the caller of every command, so a user the events have not reached yet
 * (chat-service was down, or is new) is still known, and a member of general, from their first call.
 */
@ApplicationScoped
public class UserDirectory {

    private final Pool pool;
    private final SystemLineRepository systemLines;
    /** Users already stored by this process with this name: the hot path skips the upsert for them. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public UserDirectory(Pool pool, SystemLineRepository systemLines) {
        this.pool = pool;
        this.systemLines = systemLines;
    }

    public Uni<Void> ensureKnown(UUID userId, String username, Instant createdAt) {
        String cacheKey = userId + "/" + username;
        if (known.contains(cacheKey)) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into users (id, username, created_at) values ($1, $2, $3) "
                        + "on conflict (id) do update set username = excluded.username")
                .execute(Tuple.of(userId, username, Times.utc(createdAt)))
                .chain(() -> connection.preparedQuery("insert into room_members (room_id, user_id, role, joined_at) "
                        + "values ($1, $2, 'member', $3) on conflict do nothing")
                        .execute(Tuple.of(Room.GENERAL_ID, userId, Times.utc(createdAt))))
                // A join line in general only where an operator turned them on (GENERAL_SYSTEM_LINES); nobody waits for its
                // event here, the relay publishes it (a few seconds later), as it does any message it has not seen go out.
                .chain(added -> added.rowCount() == 0 ? Uni.createFrom().<Message>nullItem()
                        : systemLines.write(connection, Room.GENERAL_ID,
                                new Message.Sender(userId, username), SystemLineTexts.joined(username), Times.now())))
                .invoke(() -> known.add(cacheKey))
                .replaceWithVoid();
    }

    /**
     * Records a presence change unless a newer one is already recorded; returns the ids of the user's rooms of
     * at most {@code maxRoomSize} members when it was applied (whose members should hear of it), empty when it
     * was stale or the user unknown.
     */
    public Uni<Optional<List<UUID>>> applyPresence(UUID userId, boolean online, Instant at, long version, int maxRoomSize) {
        return pool.preparedQuery("with changed as (update users set online = $2, last_seen_at = $3, presence_version = $4 "
                + "where id = $1 and presence_version < $4 returning id) "
                + "select changed.id, array(select rm.room_id from room_members rm where rm.user_id = changed.id "
                + "and (select count(*) from (select 1 from room_members x where x.room_id = rm.room_id limit $5 + 1) capped) <= $5) "
                + "as room_ids from changed")
                .execute(Tuple.of(userId, online, Times.utc(at), version, maxRoomSize))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    UUID[] rooms = rows.iterator().next().getArrayOfUUIDs("room_ids");
                    return Optional.of(rooms == null ? List.<UUID>of() : List.of(rooms));
                });
    }

    /** Whether general shows system lines: an operator's setting ({@code GENERAL_SYSTEM_LINES}), written at every start. */
    public Uni<Void> showSystemLinesInGeneral(boolean on) {
        return pool.preparedQuery("update rooms set system_lines = $2 where id = $1").execute(Tuple.of(Room.GENERAL_ID, on))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> usernameOf(UUID userId) {
        return pool.preparedQuery("select username from users where id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("username")));
    }
}
