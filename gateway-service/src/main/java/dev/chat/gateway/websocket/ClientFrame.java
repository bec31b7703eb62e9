package dev.chat.gateway.websocket;

import java.util.List;

/**
 * What a client may send on {@code /ws}, as read by {@link ClientFrameParser}: one record per frame type, and
 * {@link Rejected} for a frame that breaks the contract (answered with an {@code error} frame, nothing else).
 */
sealed interface ClientFrame {

    /** The frame's {@code type}, for metrics. */
    String type();

    record Ping() implements ClientFrame {
        public String type() {
            return "ping";
        }
    }

    /** A message to store; the client's {@code clientMsgId} makes a resend the same message. */
    record Send(String roomId, String clientMsgId, String text) implements ClientFrame {
        public String type() {
            return "send";
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

    /** A frame the contract names that this server does not offer yet. */
    record Unsupported(String type) implements ClientFrame {
    }

    /** Not a frame this server takes: {@code code} and {@code message} for the error frame, {@code ref} what it answers. */
    record Rejected(String type, String code, String message, String ref) implements ClientFrame {
    }
}
