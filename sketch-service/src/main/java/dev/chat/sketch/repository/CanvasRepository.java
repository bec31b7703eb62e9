package dev.chat.sketch.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.sketch.domain.CanvasOp;
import dev.chat.sketch.domain.OpKind;
import dev.chat.sketch.domain.Snapshot;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The canvases' op logs and snapshots. Plain SQL rather than Panache entities: an op is appended under its canvas's
 * row lock in the same transaction that takes the next seq, and every read is a range of one canvas's log by seq.
 */
@ApplicationScoped
public class CanvasRepository {

    private static final String OP_HEADER = "room_id, seq, kind, stroke_id, user_id, created_at";
    private static final String OP_COLUMNS = OP_HEADER + ", color, width, points";

    private final Pool pool;
    private final ObjectMapper mapper;

    public CanvasRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Pool pool() {
        return pool;
    }

    /** The canvas's last seq, its row locked until the transaction ends (created at 0 on first use). */
    public Uni<Long> lockCanvas(SqlConnection tx, UUID roomId) {
        return tx.preparedQuery("insert into canvases (room_id) values ($1)"
                        + " on conflict (room_id) do update set last_seq = canvases.last_seq returning last_seq")
                .execute(Tuple.of(roomId))
                .map(rows -> rows.iterator().next().getLong("last_seq"));
    }

    /** The canvas's last seq without a lock; 0 for a canvas nobody drew on. */
    public Uni<Long> lastSeq(UUID roomId) {
        return pool.preparedQuery("select last_seq from canvases where room_id = $1").execute(Tuple.of(roomId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("last_seq"));
    }

    public Uni<Optional<CanvasOp>> findStroke(SqlClient client, UUID roomId, UUID strokeId) {
        return client.preparedQuery("select " + OP_COLUMNS + " from canvas_ops where room_id = $1 and kind = 'stroke'"
                        + " and stroke_id = $2")
                .execute(Tuple.of(roomId, strokeId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(op(rows.iterator().next(), true)));
    }

    /** Appends the op and moves the canvas's counter to it, in the caller's transaction. */
    public Uni<Void> append(SqlConnection tx, CanvasOp op) {
        Tuple row = Tuple.tuple(List.of(op.roomId(), op.seq(), op.kind().stored()));
        row.addValue(op.strokeId());
        row.addValue(op.userId());
        row.addValue(op.color());
        row.addValue(op.width());
        row.addValue(op.points() == null ? null : json(op.points()));
        row.addValue(Times.utc(op.createdAt()));
        // One round trip for both: the op, and the counter moved to it.
        return tx.preparedQuery("with appended as (insert into canvas_ops (room_id, seq, kind, stroke_id, user_id, color, width,"
                        + " points, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning room_id, seq)"
                        + " update canvases c set last_seq = a.seq from appended a where c.room_id = a.room_id")
                .execute(row)
                .replaceWithVoid();
    }

    public Uni<Void> saveSnapshot(SqlConnection tx, UUID roomId, Snapshot snapshot) {
        return tx.preparedQuery("insert into canvas_snapshots (room_id, seq, state) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(roomId, snapshot.seq(), json(snapshot)))
                .replaceWithVoid();
    }

    /** The newest snapshot at or before {@code atMostSeq}. */
    public Uni<Optional<Snapshot>> latestSnapshot(SqlClient client, UUID roomId, long atMostSeq) {
        return client.preparedQuery("select state from canvas_snapshots where room_id = $1 and seq <= $2 order by seq desc limit 1")
                .execute(Tuple.of(roomId, atMostSeq))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(mapper.readValue(rows.iterator().next().getString("state"), Snapshot.class));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable snapshot of canvas " + roomId, e);
                    }
                });
    }

    /** The ops after {@code afterSeq} up to {@code toSeq}, without points: enough to rebuild which strokes show. */
    public Uni<List<CanvasOp>> headers(SqlClient client, UUID roomId, long afterSeq, long toSeq) {
        return client.preparedQuery("select " + OP_HEADER + " from canvas_ops where room_id = $1 and seq > $2 and seq <= $3"
                        + " order by seq")
                .execute(Tuple.of(roomId, afterSeq, toSeq))
                .map(rows -> ops(rows, false));
    }

    /** Whole ops after {@code afterSeq}, at most {@code limit} of them, in seq order. */
    public Uni<List<CanvasOp>> opsAfter(UUID roomId, long afterSeq, int limit) {
        return pool.preparedQuery("select " + OP_COLUMNS + " from canvas_ops where room_id = $1 and seq > $2 order by seq limit $3")
                .execute(Tuple.of(roomId, afterSeq, limit))
                .map(rows -> ops(rows, true));
    }

    /** The strokes with these seqs, in seq order. */
    public Uni<List<CanvasOp>> strokes(UUID roomId, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select " + OP_COLUMNS + " from canvas_ops where room_id = $1 and seq = any($2) order by seq")
                .execute(Tuple.of(roomId, seqs.toArray(Long[]::new)))
                .map(rows -> ops(rows, true));
    }

    /** A deleted room's canvas: its ops, snapshots and counter. */
    public Uni<Void> deleteCanvas(SqlClient client, UUID roomId) {
        Tuple room = Tuple.of(roomId);
        return client.preparedQuery("delete from canvas_ops where room_id = $1").execute(room)
                .chain(() -> client.preparedQuery("delete from canvas_snapshots where room_id = $1").execute(room))
                .chain(() -> client.preparedQuery("delete from canvases where room_id = $1").execute(room))
                .replaceWithVoid();
    }

    private List<CanvasOp> ops(RowSet<Row> rows, boolean withPoints) {
        List<CanvasOp> ops = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ops.add(op(row, withPoints));
        }
        return ops;
    }

    private CanvasOp op(Row row, boolean withPoints) {
        int[][] points = null;
        if (withPoints && row.getString("points") != null) {
            try {
                points = mapper.readValue(row.getString("points"), int[][].class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable points of op " + row.getLong("seq"), e);
            }
        }
        return new CanvasOp(row.getUUID("room_id"), row.getLong("seq"), OpKind.ofStored(row.getString("kind")),
                row.getUUID("stroke_id"), row.getUUID("user_id"), withPoints ? row.getString("color") : null,
                withPoints ? row.getInteger("width") : null, points, Times.instant(row, "created_at"));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not writable as JSON", e);
        }
    }
}
