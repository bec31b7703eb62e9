package dev.chat.gateway.websocket;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Operation;

/**
 * What a client may send on {@code /ws}, as read by {@link ClientFrameParser}: one record per frame type, and
 * {@link Rejected} for a frame that breaks the contract (answered with an {@code error} frame, nothing else).
 */
sealed interface ClientFrame {

    /** The frame's {@code type}, for metrics. */
    String type();

    /** What an error frame answering this one names as {@code ref}: the id the client chose, or else the type. */
    default String ref() {
        return type();
    }

    record Ping() implements ClientFrame {
        public String type() {
            return "ping";
        }
    }

    /**
     * A message to store; the client's {@code clientMsgId} makes a resend the same message. {@code attachments}: ids of
     * the sender's uploads it carries (empty for most).
     */
    record Send(String roomId, String clientMsgId, String text, List<String> attachments) implements ClientFrame {
        Send(String roomId, String clientMsgId, String text) {
            this(roomId, clientMsgId, text, List.of());
        }

        public String type() {
            return "send";
        }

        @Override
        public String ref() {
            return clientMsgId;
        }
    }

    /** The author's new text for the message at {@code seq}. */
    record Edit(String roomId, long seq, String text) implements ClientFrame {
        public String type() {
            return "edit";
        }
    }

    /** Delete the message at {@code seq} (its author, or the room's owner). */
    record Delete(String roomId, long seq) implements ClientFrame {
        public String type() {
            return "delete";
        }
    }

    /** Add ({@code on}) or take back the caller's reaction with {@code emoji} to the message at {@code seq}. */
    record React(String roomId, long seq, String emoji, boolean on) implements ClientFrame {
        public String type() {
            return "react";
        }
    }

    /** The client has read up to {@code seq}. */
    record Read(String roomId, long seq) implements ClientFrame {
        public String type() {
            return "read";
        }
    }

    record Typing(String roomId) implements ClientFrame {
        public String type() {
            return "typing";
        }
    }

    /** Catch up each named room after the seq the client last saw; {@code lastSeenSeq} null if it was not a whole number. */
    record Resume(List<Position> positions) implements ClientFrame {
        public String type() {
            return "resume";
        }

        record Position(String roomId, Long lastSeenSeq) {
        }
    }

    /**
     * A canvas op: stroke, undo, redo or clear. sketch-service owns the rules of its {@code body} (the frame as it
     * came); {@code ref} is the strokeId the client will match an error to, or the type.
     */
    record Sketch(String type, Operation op, String roomId, String ref, JsonNode body) implements ClientFrame {
        static final int EDIT_COST = 50;

        /** Points this frame draws, counted against the per-user budget (an edit counts as {@link #EDIT_COST}). */
        int cost() {
            return pointsIn(body, EDIT_COST);
        }
    }

    /** A live preview of a stroke in progress: checked and passed on by the gateway, never stored. */
    record SketchDraw(String roomId, String ref, JsonNode body) implements ClientFrame {
        public String type() {
            return "sketch.draw";
        }

        int cost() {
            return pointsIn(body, 1);
        }
    }

    /** The canvas ops of one room after {@code afterSeq}. */
    record SketchResume(String roomId, long afterSeq) implements ClientFrame {
        public String type() {
            return "sketch.resume";
        }
    }

    private static int pointsIn(JsonNode body, int otherwise) {
        JsonNode points = body.get("points");
        return points != null && points.isArray() ? Math.max(1, points.size()) : otherwise;
    }

    /** Not a frame this server takes: {@code code} and {@code message} for the error frame, {@code ref} what it answers. */
    record Rejected(String type, String code, String message, String ref) implements ClientFrame {
    }
}
