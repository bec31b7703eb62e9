package dev.chat.sketch.domain;

import dev.chat.contracts.SketchEvent;

/** The four ops of a canvas's log, by their stored name and the frame type members get. */
public enum OpKind {
    STROKE("stroke", SketchEvent.STROKE),
    UNDO("undo", SketchEvent.UNDO),
    REDO("redo", SketchEvent.REDO),
    CLEAR("clear", SketchEvent.CLEAR);

    private final String stored;
    private final String frameType;

    OpKind(String stored, String frameType) {
        this.stored = stored;
        this.frameType = frameType;
    }

    public String stored() {
        return stored;
    }

    public String frameType() {
        return frameType;
    }

    public static OpKind ofStored(String stored) {
        for (OpKind kind : values()) {
            if (kind.stored.equals(stored)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown op kind " + stored);
    }
}
