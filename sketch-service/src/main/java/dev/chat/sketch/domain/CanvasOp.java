package dev.chat.sketch.domain;

import java.time.Instant;
import java.util.UUID;

import dev.chat.contracts.SketchEvent;

/**
 * One op of a canvas's log as stored. {@code strokeId} is the stroke drawn, undone or redone (null for a clear);
 * {@code color}, {@code width} and {@code points} belong to strokes only, and are null when only the header was read
 * (rebuilding which strokes are visible needs no points).
 */
public record CanvasOp(UUID roomId, long seq, OpKind kind, UUID strokeId, UUID userId, String color, Integer width,
        int[][] points, Instant createdAt) {

    /** The frame members get for this op. */
    public SketchEvent.Op toEvent() {
        return switch (kind) {
            case STROKE -> toStroke();
            case UNDO, REDO -> new SketchEvent.VisibilityEvent(kind.frameType(), roomId, seq, strokeId, userId, createdAt);
            case CLEAR -> new SketchEvent.ClearEvent(roomId, seq, userId, createdAt);
        };
    }

    public SketchEvent.StrokeEvent toStroke() {
        if (kind != OpKind.STROKE) {
            throw new IllegalStateException("op " + seq + " is a " + kind + ", not a stroke");
        }
        return new SketchEvent.StrokeEvent(roomId, seq, strokeId, userId, color, width == null ? 0 : width, points, createdAt);
    }
}
