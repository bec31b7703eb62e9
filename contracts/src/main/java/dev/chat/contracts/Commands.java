package dev.chat.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The inputs of the {@link Operation}s whose body the gateway builds (from path and query parameters, or from
 * a WebSocket frame it has parsed). Values a client typed go as the client typed them, as strings: the owning
 * service validates them and names the field that is wrong, so every rule lives in one place.
 * Calls whose body is the client's own JSON (register, login, refresh, room creation, REST sends and reads,
 * direct rooms) pass that body through as it came.
 */
public final class Commands {

    private Commands() {
    }

    /** rooms.get, rooms.leave, rooms.delete, rooms.members, rooms.join-requests. */
    public record RoomRef(String roomId) {
    }

    /** rooms.join: the password of a private room, if the caller gave one. */
    public record JoinRoom(String roomId, String password) {
    }

    /** rooms.join-requests.approve, rooms.join-requests.reject, rooms.members.remove. */
    public record MemberRef(String roomId, String userId) {
    }

    /** rooms.list: {@code mine}, {@code public} or {@code direct}. */
    /** rooms.list: a scope, or the channel of a name (in any case), whatever its visibility. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListRooms(String scope, String name) {
        public ListRooms(String scope) {
            this(scope, null);
        }
    }

    /** messages.history; absent parameters are null. */
    public record HistoryQuery(String roomId, String afterSeq, String beforeSeq, String since, String until, String limit) {

        /** A forward page after {@code afterSeq}, as a resume reads it. */
        public static HistoryQuery after(String roomId, long afterSeq, int limit) {
            return new HistoryQuery(roomId, Long.toString(afterSeq), null, null, null, Integer.toString(limit));
        }
    }

    /** messages.send from a WebSocket frame; {@code attachments} left out of the JSON when there are none. */
    public record SendMessage(String roomId, String clientMsgId, String text,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> attachments) {
        public SendMessage(String roomId, String clientMsgId, String text) {
            this(roomId, clientMsgId, text, List.of());
        }
    }

    /** messages.edit from a WebSocket frame. */
    public record EditMessage(String roomId, long seq, String text) {
    }

    /** messages.delete from a WebSocket frame. */
    public record DeleteMessage(String roomId, long seq) {
    }

    /** messages.react: {@code on} adds the caller's reaction, false takes it back. */
    public record ReactToMessage(String roomId, long seq, String emoji, boolean on) {
    }

    /** messages.search; absent parameters are null. */
    public record SearchQuery(String q, String roomId, String limit, String offset) {
    }

    /** rooms.read from a WebSocket frame. */
    public record MarkRead(String roomId, long seq) {
    }

    /** users.list. */
    public record ListUsers(String query, String online, String limit) {
    }

    /** sketch.undo, sketch.redo (strokeId null: the caller's own latest), sketch.clear. */
    public record SketchEdit(String roomId, String strokeId) {
    }

    /** sketch.canvas ({@code atSeq}), sketch.ops ({@code afterSeq}, {@code limit}), sketch.svg, sketch.resume. */
    public record SketchQuery(String roomId, String atSeq, String afterSeq, String limit) {
    }
}
