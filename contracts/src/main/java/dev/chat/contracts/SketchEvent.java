package dev.chat.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What goes on {@link Topics#SKETCH_EVENTS}: each event is the very frame the room's members get. The sequenced ops
 * (stroke, undo, redo, clear) carry the canvas's own gapless {@code seq}; a draw is a preview and has none.
 */
public sealed interface SketchEvent {

    String STROKE = "sketch.stroke";
    String UNDO = "sketch.undo";
    String REDO = "sketch.redo";
    String CLEAR = "sketch.clear";
    String DRAW = "sketch.draw";
    /** Gateway frames: the whole canvas (a resume across a long gap), the end of a resume, a stored stroke's ack. */
    String CANVAS = "sketch.canvas";
    String RESUMED = "sketch.resumed";
    String ACK = "sketch.ack";

    String type();

    UUID roomId();

    /** A stored op, in its canvas's seq order. */
    sealed interface Op extends SketchEvent {
        long seq();

        UUID userId();
    }

    record StrokeEvent(String type, UUID roomId, long seq, UUID strokeId, UUID userId, String color, int width, int[][] points,
            Instant createdAt) implements Op {
        public StrokeEvent(UUID roomId, long seq, UUID strokeId, UUID userId, String color, int width, int[][] points,
                Instant createdAt) {
            this(STROKE, roomId, seq, strokeId, userId, color, width, points, createdAt);
        }
    }

    /** {@link #UNDO} or {@link #REDO} of one stroke. */
    record VisibilityEvent(String type, UUID roomId, long seq, UUID strokeId, UUID userId, Instant createdAt) implements Op {
    }

    record ClearEvent(String type, UUID roomId, long seq, UUID userId, Instant createdAt) implements Op {
        public ClearEvent(UUID roomId, long seq, UUID userId, Instant createdAt) {
            this(CLEAR, roomId, seq, userId, createdAt);
        }
    }

    /** A stroke in progress: the points since the author's last draw frame. Never stored. */
    record DrawEvent(String type, UUID roomId, UUID strokeId, UUID userId, String color, int width, int[][] points)
            implements SketchEvent {
        public DrawEvent(UUID roomId, UUID strokeId, UUID userId, String color, int width, int[][] points) {
            this(DRAW, roomId, strokeId, userId, color, width, points);
        }
    }

    /** The canvas as it looked at {@code seq}: its visible strokes in seq order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Canvas(String type, UUID roomId, long seq, List<StrokeEvent> strokes) {
        public Canvas(UUID roomId, long seq, List<StrokeEvent> strokes) {
            this(CANVAS, roomId, seq, strokes);
        }
    }
}
