package dev.chat.sketch.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which strokes a canvas shows after some seq, and what each user can undo and redo: the canvas's rules, with no I/O.
 * Built by applying the op log in order (from a {@link Snapshot} and the ops after it); asked before an op is stored
 * what that op would do. Points are not held here: a canvas is drawn from the visible strokes' stored ops.
 *
 * <p>The rules: a user undoes their own latest visible stroke, or (its author or the room's owner) one stroke by id; a
 * user redoes what they themselves undid, latest first, until they draw a new stroke; a clear hides every stroke
 * before it for good (time travel still shows them) and empties every redo list.
 */
public final class CanvasState {

    private long seq;
    private final LinkedHashMap<UUID, Entry> strokes;
    private final Map<UUID, Deque<UUID>> redoable;

    /** A stroke drawn since the last clear. */
    public static final class Entry {
        private final long seq;
        private final UUID strokeId;
        private final UUID userId;
        private boolean visible;

        Entry(long seq, UUID strokeId, UUID userId, boolean visible) {
            this.seq = seq;
            this.strokeId = strokeId;
            this.userId = userId;
            this.visible = visible;
        }

        public long seq() {
            return seq;
        }

        public UUID strokeId() {
            return strokeId;
        }

        public UUID userId() {
            return userId;
        }

        public boolean visible() {
            return visible;
        }
    }

    /** What an undo or redo asked now would do: the stroke it targets, or why there is none. */
    public sealed interface Decision {
    }

    public record Target(UUID strokeId) implements Decision {
    }

    public enum Refusal implements Decision {
        NOTHING_TO_UNDO, NOTHING_TO_REDO, NO_SUCH_STROKE, ALREADY_UNDONE, NOT_ALLOWED
    }

    public CanvasState() {
        this(0, new LinkedHashMap<>(), new HashMap<>());
    }

    private CanvasState(long seq, LinkedHashMap<UUID, Entry> strokes, Map<UUID, Deque<UUID>> redoable) {
        this.seq = seq;
        this.strokes = strokes;
        this.redoable = redoable;
    }

    public long seq() {
        return seq;
    }

    /** The seqs of the visible strokes, ascending: what to load to draw the canvas. */
    public List<Long> visibleStrokeSeqs() {
        List<Long> seqs = new ArrayList<>();
        for (Entry entry : strokes.values()) {
            if (entry.visible) {
                seqs.add(entry.seq);
            }
        }
        return seqs;
    }

    public Optional<Entry> stroke(UUID strokeId) {
        return Optional.ofNullable(strokes.get(strokeId));
    }

    /** The caller's own latest visible stroke. */
    public Decision undoOwn(UUID userId) {
        Entry latest = null;
        for (Entry entry : strokes.values()) {
            if (entry.visible && entry.userId.equals(userId)) {
                latest = entry;
            }
        }
        return latest == null ? Refusal.NOTHING_TO_UNDO : new Target(latest.strokeId);
    }

    /** One stroke by id: its author's to undo, or the room owner's. */
    public Decision undoStroke(UUID userId, UUID strokeId, boolean isRoomOwner) {
        Entry entry = strokes.get(strokeId);
        if (entry == null) {
            return Refusal.NO_SUCH_STROKE;
        }
        if (!entry.userId.equals(userId) && !isRoomOwner) {
            return Refusal.NOT_ALLOWED;
        }
        return entry.visible ? new Target(strokeId) : Refusal.ALREADY_UNDONE;
    }

    /** The latest stroke the caller undid that is still undone. */
    public Decision redo(UUID userId) {
        Deque<UUID> undone = redoable.get(userId);
        if (undone != null) {
            for (UUID strokeId : undone) {
                Entry entry = strokes.get(strokeId);
                if (entry != null && !entry.visible) {
                    return new Target(strokeId);
                }
            }
        }
        return Refusal.NOTHING_TO_REDO;
    }

    /** Applies the next op of the log; ops must come in seq order, each once. */
    public void apply(CanvasOp op) {
        if (op.seq() != seq + 1) {
            throw new IllegalArgumentException("op " + op.seq() + " applied to a canvas at seq " + seq);
        }
        seq = op.seq();
        switch (op.kind()) {
            case STROKE -> {
                strokes.put(op.strokeId(), new Entry(op.seq(), op.strokeId(), op.userId(), true));
                redoable.remove(op.userId());
            }
            case UNDO -> {
                Entry entry = strokes.get(op.strokeId());
                if (entry != null) {
                    entry.visible = false;
                    redoable.computeIfAbsent(op.userId(), user -> new ArrayDeque<>()).push(op.strokeId());
                }
            }
            case REDO -> {
                Entry entry = strokes.get(op.strokeId());
                if (entry != null) {
                    entry.visible = true;
                }
                Deque<UUID> undone = redoable.get(op.userId());
                if (undone != null) {
                    undone.remove(op.strokeId());
                    dropStale(undone);
                }
            }
            case CLEAR -> {
                strokes.clear();
                redoable.clear();
            }
            default -> throw new IllegalArgumentException("unknown op kind " + op.kind());
        }
    }

    /** Entries at the top of a redo list that can no longer be redone (redone by someone else since). */
    private void dropStale(Deque<UUID> undone) {
        for (Iterator<UUID> it = undone.iterator(); it.hasNext();) {
            Entry entry = strokes.get(it.next());
            if (entry != null && !entry.visible) {
                return;
            }
            it.remove();
        }
    }

    public Snapshot snapshot() {
        List<Snapshot.Stroke> list = new ArrayList<>(strokes.size());
        for (Entry entry : strokes.values()) {
            list.add(new Snapshot.Stroke(entry.seq, entry.strokeId, entry.userId, entry.visible));
        }
        Map<UUID, List<UUID>> redo = new HashMap<>();
        redoable.forEach((user, undone) -> {
            if (!undone.isEmpty()) {
                redo.put(user, List.copyOf(undone));
            }
        });
        return new Snapshot(seq, list, redo);
    }

    public static CanvasState from(Snapshot snapshot) {
        LinkedHashMap<UUID, Entry> strokes = new LinkedHashMap<>();
        for (Snapshot.Stroke stroke : snapshot.strokes()) {
            strokes.put(stroke.strokeId(), new Entry(stroke.seq(), stroke.strokeId(), stroke.userId(), stroke.visible()));
        }
        Map<UUID, Deque<UUID>> redoable = new HashMap<>();
        snapshot.redo().forEach((user, undone) -> redoable.put(user, new ArrayDeque<>(undone)));
        return new CanvasState(snapshot.seq(), strokes, redoable);
    }

    /** A deep copy, for answering from a state the command path goes on changing. */
    public CanvasState copy() {
        return from(snapshot());
    }
}
