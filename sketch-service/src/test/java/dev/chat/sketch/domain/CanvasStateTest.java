package dev.chat.sketch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.sketch.domain.CanvasState.Refusal;
import dev.chat.sketch.domain.CanvasState.Target;

class CanvasStateTest {

    private static final UUID ROOM = UUID.fromString("00000000-0000-7000-8000-0000000000aa");
    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final CanvasState state = new CanvasState();

    private UUID stroke(UUID user) {
        UUID id = UUID.randomUUID();
        state.apply(new CanvasOp(ROOM, state.seq() + 1, OpKind.STROKE, id, user, "#000000", 3, new int[][] {{1, 1}}, Instant.now()));
        return id;
    }

    private void op(OpKind kind, UUID strokeId, UUID user) {
        state.apply(new CanvasOp(ROOM, state.seq() + 1, kind, strokeId, user, null, null, null, Instant.now()));
    }

    @Test
    void aUserUndoesTheirOwnLatestVisibleStrokeNeverSomeoneElses() {
        UUID annFirst = stroke(ann);
        UUID annSecond = stroke(ann);
        stroke(bob);
        assertEquals(new Target(annSecond), state.undoOwn(ann));
        op(OpKind.UNDO, annSecond, ann);
        assertEquals(new Target(annFirst), state.undoOwn(ann));
        op(OpKind.UNDO, annFirst, ann);
        assertEquals(Refusal.NOTHING_TO_UNDO, state.undoOwn(ann));
        assertEquals(List.of(3L), state.visibleStrokeSeqs());
    }

    @Test
    void undoByIdIsForTheAuthorAndTheOwnerOnly() {
        UUID bobs = stroke(bob);
        assertEquals(Refusal.NOT_ALLOWED, state.undoStroke(ann, bobs, false));
        assertEquals(new Target(bobs), state.undoStroke(ann, bobs, true));
        assertEquals(new Target(bobs), state.undoStroke(bob, bobs, false));
        op(OpKind.UNDO, bobs, bob);
        assertEquals(Refusal.ALREADY_UNDONE, state.undoStroke(bob, bobs, false));
        assertEquals(Refusal.NO_SUCH_STROKE, state.undoStroke(bob, UUID.randomUUID(), true));
    }

    @Test
    void redoBringsBackWhatTheCallerUndidLatestFirstUntilTheyDrawAgain() {
        UUID first = stroke(ann);
        UUID second = stroke(ann);
        op(OpKind.UNDO, second, ann);
        op(OpKind.UNDO, first, ann);
        assertEquals(Refusal.NOTHING_TO_REDO, state.redo(bob));
        assertEquals(new Target(first), state.redo(ann));
        op(OpKind.REDO, first, ann);
        assertEquals(new Target(second), state.redo(ann));
        stroke(ann);
        assertEquals(Refusal.NOTHING_TO_REDO, state.redo(ann), "a new stroke ends what can be redone");
    }

    @Test
    void theOwnersUndoOfAStrokeIsTheOwnersToRedoNotTheAuthors() {
        UUID bobs = stroke(bob);
        op(OpKind.UNDO, bobs, ann);
        assertEquals(Refusal.NOTHING_TO_REDO, state.redo(bob));
        assertEquals(new Target(bobs), state.redo(ann));
    }

    @Test
    void aClearHidesEverythingBeforeItForGoodAndEndsEveryRedo() {
        UUID kept = stroke(ann);
        UUID undone = stroke(bob);
        op(OpKind.UNDO, undone, bob);
        op(OpKind.CLEAR, null, ann);
        assertEquals(List.of(), state.visibleStrokeSeqs());
        assertEquals(Refusal.NOTHING_TO_UNDO, state.undoOwn(ann));
        assertEquals(Refusal.NOTHING_TO_REDO, state.redo(bob));
        assertEquals(Refusal.NO_SUCH_STROKE, state.undoStroke(ann, kept, true));
        stroke(bob);
        assertEquals(List.of(5L), state.visibleStrokeSeqs());
    }

    @Test
    void aSnapshotRestoresTheSameStateAndRedoLists() {
        UUID first = stroke(ann);
        stroke(bob);
        UUID third = stroke(ann);
        op(OpKind.UNDO, third, ann);
        op(OpKind.UNDO, first, ann);
        CanvasState restored = CanvasState.from(state.snapshot());
        assertEquals(state.seq(), restored.seq());
        assertEquals(state.visibleStrokeSeqs(), restored.visibleStrokeSeqs());
        assertEquals(state.redo(ann), restored.redo(ann));
        assertEquals(state.snapshot(), restored.snapshot());
    }

    @Test
    void opsMustComeInSeqOrder() {
        stroke(ann);
        assertThrows(IllegalArgumentException.class,
                () -> state.apply(new CanvasOp(ROOM, 5, OpKind.CLEAR, null, ann, null, null, null, Instant.now())));
    }
}
