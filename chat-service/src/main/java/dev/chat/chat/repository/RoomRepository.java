package dev.chat.chat.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.domain.MemberView;
import dev.chat.chat.domain.Room;
import dev.chat.chat.domain.RoomSettings;
import dev.chat.chat.domain.RoomView;
import dev.chat.contracts.ChatEvent.Retention;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class RoomRepository {

    /** A caller's standing in a room. */
    public record Membership(String role, long readSeq) {
        public boolean isOwner() {
            return "owner".equals(role);
        }
    }

    private static final String LIST_COLUMNS = Rows.ROOM_COLUMNS + ", rm.role, rm.read_seq, "
            + "(select count(*) from messages u "
            // System lines (joins, leaves, room changes) are in the timeline but never make a room unread.
            + "where u.room_id = r.id and u.seq > rm.read_seq and u.sender_id is distinct from $1 and u.deleted_at is null "
            + "and u.kind = 'user') as unread, "
            + "lm.id as lm_id, lm.room_id as lm_room_id, lm.seq as lm_seq, lm.sender_id as lm_sender_id, lm.sender_name as lm_sender_name, "
            + "lm.text as lm_text, lm.kind as lm_kind, lm.client_msg_id as lm_client_msg_id, lm.created_at as lm_created_at, "
            + "lm.edited_at as lm_edited_at, lm.deleted_at as lm_deleted_at, "
            + "peer.id as peer_id, peer.username as peer_username ";
    private static final String LIST_JOINS = "left join messages lm on lm.room_id = r.id and lm.seq = r.last_seq "
            + "left join lateral (select pu.id, pu.username from room_members pm join users pu on pu.id = pm.user_id "
            + "where pm.room_id = r.id and pm.user_id <> $1 limit 1) peer on r.kind = 'direct' ";

    private final Pool pool;

    public RoomRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Room>> findById(UUID roomId) {
        return pool.preparedQuery("select " + Rows.ROOM_COLUMNS + " from rooms r where r.id = $1").execute(Tuple.of(roomId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Rows.room(rows.iterator().next())));
    }

    /** The other person of a direct room, seen from {@code callerId}; empty when there is none. */
    public Uni<Optional<RoomView.Peer>> peerOf(UUID roomId, UUID callerId) {
        return pool.preparedQuery("select u.id, u.username from room_members m join users u on u.id = m.user_id "
                + "where m.room_id = $1 and m.user_id <> $2 limit 1").execute(Tuple.of(roomId, callerId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(peer(rows.iterator().next())));
    }

    private static RoomView.Peer peer(Row row) {
        return new RoomView.Peer(row.getUUID("id"), row.getString("username"));
    }

    public Uni<Optional<Membership>> membership(UUID roomId, UUID userId) {
        return pool.preparedQuery("select role, read_seq from room_members where room_id = $1 and user_id = $2")
                .execute(Tuple.of(roomId, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(membership(rows.iterator().next())));
    }

    /**
     * Stores a new channel with its owner as first member, in the caller's transaction; empty if the name is taken (in
     * any case). A taken name is a row not inserted, not an error, so the transaction goes on (to its outbox row).
     */
    public Uni<Optional<Room>> insertChannel(SqlConnection transaction, Room room) {
        return transaction
                .preparedQuery("insert into rooms (id, kind, name, name_key, topic, visibility, password_hash, owner_id, created_at, "
                        + "system_lines) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing")
                .execute(Tuple.from(Arrays.asList(room.id(), room.kind(), room.name(), Room.keyOf(room.name()), room.topic(),
                        room.visibility(), room.passwordHash(), room.ownerId(), Times.utc(room.createdAt()), room.systemLines())))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(Optional.<Room>empty())
                        : transaction.preparedQuery(
                                "insert into room_members (room_id, user_id, role, joined_at) values ($1, $2, 'owner', $3)")
                                .execute(Tuple.of(room.id(), room.ownerId(), Times.utc(room.createdAt())))
                                .map(rows -> Optional.of(room)));
    }

    /** The direct room of the two users, created with both as members (in the caller's transaction) if it does not exist. */
    public Uni<DirectRoom> openDirect(SqlConnection connection, UUID roomId, UUID caller, UUID other, Instant now) {
        String pairKey = Room.pairKey(caller, other);
        return connection
                .preparedQuery("insert into rooms (id, kind, name, name_key, visibility, created_at, pair_key) "
                        + "values ($1, 'direct', 'direct', 'direct', 'private', $3, $2) on conflict do nothing returning id")
                .execute(Tuple.of(roomId, pairKey, Times.utc(now)))
                .chain(inserted -> {
                    boolean created = inserted.size() == 1;
                    Uni<Void> members = created
                            ? connection.preparedQuery("insert into room_members (room_id, user_id, role, joined_at) "
                                    + "values ($1, $2, 'member', $4), ($1, $3, 'member', $4)")
                                    .execute(Tuple.of(roomId, caller, other, Times.utc(now))).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return members.chain(() -> connection
                            .preparedQuery("select " + Rows.ROOM_COLUMNS + " from rooms r where r.kind = 'direct' and r.pair_key = $1")
                            .execute(Tuple.of(pairKey)))
                            .map(rows -> new DirectRoom(Rows.room(rows.iterator().next()), created));
                });
    }

    public record DirectRoom(Room room, boolean created) {
    }

    /** The direct room of the two users, if there is one. */
    public Uni<Optional<Room>> findDirect(UUID caller, UUID other) {
        return pool.preparedQuery("select " + Rows.ROOM_COLUMNS + " from rooms r where r.kind = 'direct' and r.pair_key = $1")
                .execute(Tuple.of(Room.pairKey(caller, other)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Rows.room(rows.iterator().next())));
    }

    /** Applies the owner's change to the room's settings, in the caller's transaction; the room as it is now. */
    public Uni<Room> updateSettings(SqlClient client, RoomSettings settings) {
        Retention retention = settings.retention();
        return client.preparedQuery("update rooms r set topic = case when $2 then $3::varchar else r.topic end, "
                        + "retention_max_age_days = case when $4 then $5::integer else r.retention_max_age_days end, "
                        + "retention_max_messages = case when $4 then $6::integer else r.retention_max_messages end, "
                        + "system_lines = coalesce($7::boolean, r.system_lines) where r.id = $1 returning " + Rows.ROOM_COLUMNS)
                .execute(Tuple.from(Arrays.asList(settings.roomId(), settings.setsTopic(), settings.topic(), settings.setsRetention(),
                        retention == null ? null : retention.maxAgeDays(), retention == null ? null : retention.maxMessages(),
                        settings.systemLines())))
                .map(rows -> Rows.room(rows.iterator().next()));
    }

    /** True if the user was not a member before. */
    public Uni<Boolean> addMember(SqlClient client, UUID roomId, UUID userId, Instant now) {
        return client.preparedQuery("insert into room_members (room_id, user_id, role, joined_at) values ($1, $2, 'member', $3) "
                + "on conflict do nothing").execute(Tuple.of(roomId, userId, Times.utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** True if the user was a member. */
    public Uni<Boolean> removeMember(SqlClient client, UUID roomId, UUID userId) {
        return client.preparedQuery("delete from room_members where room_id = $1 and user_id = $2").execute(Tuple.of(roomId, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> delete(SqlClient client, UUID roomId) {
        return client.preparedQuery("delete from rooms where id = $1").execute(Tuple.of(roomId)).replaceWithVoid();
    }

    /**
     * Moves the member's read marker forward, never back and never past the room's newest message.
     * Empty if the marker did not move.
     */
    public Uni<Optional<Long>> moveReadMarker(UUID roomId, UUID userId, long seq) {
        return pool.preparedQuery("update room_members rm set read_seq = least($3, r.last_seq) from rooms r "
                + "where r.id = rm.room_id and rm.room_id = $1 and rm.user_id = $2 and rm.read_seq < least($3, r.last_seq) "
                + "returning rm.read_seq")
                .execute(Tuple.of(roomId, userId, seq))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("read_seq")));
    }

    /** True if this is a new request (asking twice is one request). */
    public Uni<Boolean> requestToJoin(SqlClient client, UUID roomId, UUID userId, Instant now) {
        return client.preparedQuery("insert into join_requests (room_id, user_id, requested_at) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(roomId, userId, Times.utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    public record JoinRequest(UUID userId, String username, Instant requestedAt) {
    }

    public Uni<List<JoinRequest>> joinRequests(UUID roomId) {
        return pool.preparedQuery("select j.user_id, u.username, j.requested_at from join_requests j "
                + "join users u on u.id = j.user_id where j.room_id = $1 order by j.requested_at")
                .execute(Tuple.of(roomId))
                .map(rows -> {
                    List<JoinRequest> requests = new ArrayList<>(rows.size());
                    rows.forEach(row -> requests.add(new JoinRequest(row.getUUID("user_id"), row.getString("username"),
                            Times.instant(row, "requested_at"))));
                    return requests;
                });
    }

    /** Removes the request and says whose it was; empty if there was none. */
    public Uni<Optional<String>> settleJoinRequest(SqlClient client, UUID roomId, UUID userId) {
        return client.preparedQuery("delete from join_requests j using users u "
                + "where j.room_id = $1 and j.user_id = $2 and u.id = j.user_id returning u.username")
                .execute(Tuple.of(roomId, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("username")));
    }

    public Uni<List<MemberView>> members(UUID roomId) {
        return pool.preparedQuery("select u.id, u.username, u.created_at, u.online, u.last_seen_at, rm.role, rm.read_seq "
                + "from room_members rm "
                + "join users u on u.id = rm.user_id where rm.room_id = $1 order by rm.role desc, lower(u.username)")
                .execute(Tuple.of(roomId))
                .map(rows -> {
                    List<MemberView> members = new ArrayList<>(rows.size());
                    rows.forEach(row -> members.add(new MemberView(row.getUUID("id"), row.getString("username"),
                            Times.instant(row, "created_at"), row.getString("role"), row.getLong("read_seq"),
                            row.getBoolean("online"), Times.instant(row, "last_seen_at"))));
                    return members;
                });
    }

    /** The caller's rooms (all kinds, or only direct ones), most recently active first. */
    public Uni<List<RoomView>> roomsOf(UUID userId, boolean directOnly) {
        return pool.preparedQuery("select " + LIST_COLUMNS + "from room_members rm join rooms r on r.id = rm.room_id " + LIST_JOINS
                + "where rm.user_id = $1" + (directOnly ? " and r.kind = 'direct'" : "")
                + " order by (r.kind = 'general') desc, coalesce(lm.created_at, r.created_at) desc")
                .execute(Tuple.of(userId))
                .map(RoomRepository::views);
    }

    /** Public channels, by name, each saying whether the caller is a member. */
    public Uni<List<RoomView>> publicChannels(UUID userId, int limit) {
        return pool.preparedQuery("select " + LIST_COLUMNS
                + "from rooms r left join room_members rm on rm.room_id = r.id and rm.user_id = $1 "
                + LIST_JOINS + "where r.kind = 'channel' and r.visibility = 'public' order by r.name_key limit $2")
                .execute(Tuple.of(userId, limit))
                .map(RoomRepository::views);
    }

    /**
     * The channel (or general) of that name, in any case, public or private, saying whether the caller is a member: how a
     * terminal user finds a room to /join. Of a private room a non-member learns only what the join needs: no message.
     */
    public Uni<List<RoomView>> channelNamed(UUID userId, String name) {
        return pool.preparedQuery("select " + LIST_COLUMNS
                + "from rooms r left join room_members rm on rm.room_id = r.id and rm.user_id = $1 "
                + LIST_JOINS.replace("lm.seq = r.last_seq", "lm.seq = r.last_seq and (rm.user_id is not null or r.visibility = 'public')")
                + "where r.kind in ('channel', 'general') and r.name_key = $2")
                .execute(Tuple.of(userId, Room.keyOf(name)))
                .map(RoomRepository::views);
    }

    /** Each room of the user with its newest seq: what a new WebSocket connection starts from. */
    public Uni<List<Position>> positions(UUID userId) {
        return pool.preparedQuery("select r.id, r.last_seq from room_members rm join rooms r on r.id = rm.room_id where rm.user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<Position> positions = new ArrayList<>(rows.size());
                    rows.forEach(row -> positions.add(new Position(row.getUUID("id"), row.getLong("last_seq"))));
                    return positions;
                });
    }

    public record Position(UUID roomId, long lastSeq) {
    }

    private static List<RoomView> views(RowSet<Row> rows) {
        List<RoomView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Room room = Rows.room(row);
            boolean member = row.getString("role") != null;
            views.add(RoomView.listed(room, room.kind().equals(Room.DIRECT) && row.getString("peer_username") != null
                    ? row.getString("peer_username") : room.name(),
                    member, row.getString("role"), member ? row.getLong("unread") : 0L, member ? row.getLong("read_seq") : null,
                    row.getUUID("lm_id") == null ? null : Rows.message(row, "lm_"),
                    row.getUUID("peer_id") == null ? null : new RoomView.Peer(row.getUUID("peer_id"), row.getString("peer_username"))));
        }
        return views;
    }

    private static Membership membership(Row row) {
        return new Membership(row.getString("role"), row.getLong("read_seq"));
    }

}
