package dev.chat.gateway.websocket;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.contracts.SketchEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The frames this gateway writes itself (everything about rooms comes from chat.events as it is): the only
 * place they are built. Jackson writes them by reflection, so they (the nested records) are registered for native
 * images.
 */
@RegisterForReflection
final class ServerFrames {

    private ServerFrames() {
    }

    /** The first frame of a connection: who the caller is, each room's newest seq, and the limits frames must keep. */
    record Welcome(String type, User user, List<RoomPosition> rooms, Limits limits) {
        Welcome(User user, List<RoomPosition> rooms, Limits limits) {
            this("welcome", user, rooms, limits);
        }
    }

    record User(String id, String username) {
    }

    record RoomPosition(String roomId, long lastSeq) {
    }

    /** What a client needs to know before it sends: one source for the client's checks and the server's. */
    record Limits(int maxTextLength, int maxFrameBytes, int sendsPerWindow, long sendWindowMs, int maxSketchPoints,
            int sketchPointsPerSecond, int maxAttachmentBytes, int maxAttachmentsPerMessage) {
    }

    /** A send was stored: its seq and id, and when (as the service wrote it). */
    record Ack(String type, String clientMsgId, String roomId, long seq, String messageId, String createdAt) {
        Ack(String clientMsgId, String roomId, long seq, String messageId, String createdAt) {
            this("ack", clientMsgId, roomId, seq, messageId, createdAt);
        }
    }

    /** A frame was refused; {@code ref} names what it answers (a clientMsgId or a frame type). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code retryAfterMs}: only when the call was shed ({@code overloaded}), how long to wait before sending again. */
    record Error(String type, String code, String message, String ref, Long retryAfterMs) {
        Error(String code, String message, String ref) {
            this("error", code, message, ref, null);
        }
    }

    record Pong(String type) {
        Pong() {
            this("pong");
        }
    }

    /**
     * Every room named in a resume is caught up. {@code partial}: rooms whose resume stopped at the cap, with the last seq
     * sent; the rest is in history. {@code evicted}: rooms whose retention evicted messages the client had not seen, with
     * the lowest seq still kept: the jump to it is intended, not a loss.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Resumed(String type, Map<String, Long> partial, Map<String, Long> evicted) {
        Resumed(Map<String, Long> partial, Map<String, Long> evicted) {
            this("resumed", partial, evicted);
        }
    }

    /** A stroke is stored under {@code seq}: the sender's pending stroke is now the canvas's. */
    record SketchAck(String type, String roomId, String strokeId, long seq) {
        SketchAck(String roomId, String strokeId, long seq) {
            this(SketchEvent.ACK, roomId, strokeId, seq);
        }
    }

    /** The end of a sketch resume: the canvas is complete up to {@code seq}. */
    record SketchResumed(String type, String roomId, long seq) {
        SketchResumed(String roomId, long seq) {
            this(SketchEvent.RESUMED, roomId, seq);
        }
    }

    /** A notice from the server itself (before an idle or sign-out close). */
    record SystemNotice(String type, String text) {
        SystemNotice(String text) {
            this("system", text);
        }
    }
}
