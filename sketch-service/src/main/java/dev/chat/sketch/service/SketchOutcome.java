package dev.chat.sketch.service;

import java.util.List;

import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.SketchEvent;

/** What a sketch use case came to; {@code messaging.SketchReplies} alone turns these into statuses and bodies. */
public sealed interface SketchOutcome {

    record Invalid(List<FieldError> errors) implements SketchOutcome {
        public static Invalid of(String field, String message) {
            return new Invalid(List.of(new FieldError(field, message)));
        }
    }

    record NoSuchRoom() implements SketchOutcome {
    }

    record NotAMember() implements SketchOutcome {
    }

    /** Undoing a stroke that is neither the caller's nor in a room they own. */
    record NotAllowed(String detail) implements SketchOutcome {
    }

    /** An undo by id of a stroke the canvas does not hold (never drawn, or cleared since). */
    record NoSuchStroke(String detail) implements SketchOutcome {
    }

    /** Nothing to undo or redo, the stroke already undone, or its strokeId another user's: {@code code} says which. */
    record Conflict(String code, String detail) implements SketchOutcome {
    }

    /** A stroke stored now ({@code created}) or found stored before under its strokeId (a resend). */
    record Stored(SketchEvent.Op op, boolean created) implements SketchOutcome {
    }

    /** An undo, redo or clear stored. */
    record Applied(SketchEvent.Op op) implements SketchOutcome {
    }

    record CanvasAt(SketchEvent.Canvas canvas) implements SketchOutcome {
    }

    record OpsPage(List<SketchEvent.Op> ops, boolean hasMore) implements SketchOutcome {
    }

    record Svg(String document) implements SketchOutcome {
    }

    /** A resume: the ops after the client's seq, or (a long way behind) the whole canvas; {@code seq} is where it ends. */
    record Resume(long seq, List<SketchEvent.Op> ops, SketchEvent.Canvas canvas) implements SketchOutcome {
    }

    record Failed() implements SketchOutcome {
    }
}
