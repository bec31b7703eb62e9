package dev.chat.sketch.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.sketch.config.SketchConfig;
import dev.chat.sketch.domain.CanvasOp;
import dev.chat.sketch.domain.CanvasState;
import dev.chat.sketch.repository.CanvasRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Canvas states: rebuilt from the nearest snapshot and the ops after it, and the current state of recently used
 * canvases kept for the command path. A kept state is used only when its seq is the one just read under the canvas's
 * lock, so a state another instance moved on (after a partition moved) is rebuilt rather than trusted.
 */
@ApplicationScoped
public class CanvasStates {

    private final CanvasRepository canvases;
    private final Map<UUID, CanvasState> current;
    private final Counter rebuilt;

    public CanvasStates(CanvasRepository canvases, SketchConfig config, MeterRegistry metrics) {
        this.canvases = canvases;
        int capacity = config.cachedCanvases();
        this.current = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, CanvasState> eldest) {
                return size() > capacity;
            }
        };
        this.rebuilt = metrics.counter("sketch.canvas.rebuilds");
    }

    /** The state at {@code lastSeq}, the seq read under the canvas's lock, for deciding the next op. */
    public Uni<CanvasState> current(SqlClient client, UUID roomId, long lastSeq) {
        CanvasState kept;
        synchronized (current) {
            kept = current.get(roomId);
        }
        if (kept != null && kept.seq() == lastSeq) {
            return Uni.createFrom().item(kept);
        }
        return load(client, roomId, lastSeq).invoke(state -> {
            synchronized (current) {
                current.put(roomId, state);
            }
        });
    }

    /** The state after {@code atSeq}: the newest snapshot at or before it, and the ops after that. */
    public Uni<CanvasState> load(SqlClient client, UUID roomId, long atSeq) {
        rebuilt.increment();
        return canvases.latestSnapshot(client, roomId, atSeq).chain(snapshot -> {
            CanvasState state = snapshot.map(CanvasState::from).orElseGet(CanvasState::new);
            return canvases.headers(client, roomId, state.seq(), atSeq).map(ops -> {
                ops.forEach(state::apply);
                return state;
            });
        });
    }

    /** An op is committed: the kept state follows it, or is dropped if it is not the state the op was decided on. */
    public void committed(CanvasOp op) {
        synchronized (current) {
            CanvasState kept = current.get(op.roomId());
            if (kept != null && kept.seq() == op.seq() - 1) {
                kept.apply(op);
            } else {
                current.remove(op.roomId());
            }
        }
    }

    public void forget(UUID roomId) {
        synchronized (current) {
            current.remove(roomId);
        }
    }
}
