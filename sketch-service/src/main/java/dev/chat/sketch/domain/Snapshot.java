package dev.chat.sketch.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link CanvasState} as stored every N ops: the strokes since the last clear (by seq, without their points) and each
 * user's redo list, latest first.
 */
public record Snapshot(long seq, List<Stroke> strokes, Map<UUID, List<UUID>> redo) {

    public record Stroke(long seq, UUID strokeId, UUID userId, boolean visible) {
    }
}
