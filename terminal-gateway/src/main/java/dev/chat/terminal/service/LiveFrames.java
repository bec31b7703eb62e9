package dev.chat.terminal.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.terminal.domain.FrameLines;

/**
 * What the gateway pushes over {@code /ws}, as one terminal shows it. {@link FrameLines} says how a frame reads; this
 * says what this connection leaves out or adds: its own messages are not shown again, a refusal of one of its sends is
 * said as such, its own join is said by the {@code /join} that asked for it (one nobody here asked for is an approval on
 * the web, announced), and a room it did not know yet is learnt with one call. It keeps the last seq seen in each
 * room, from which a reconnect resumes. Every method runs under the session's lock, which also guards the labels.
 */
final class LiveFrames {

    private final TerminalSession session;
    private final TerminalSession.Terminal terminal;
    private final FrameLines lines;
    /** clientMsgIds this connection sent and has not seen back: its own messages are not shown twice. */
    private final Set<String> sent = new HashSet<>();
    /** Rooms a {@code /join} here is joining now: their join event is answered by the command, not announced. */
    private final Set<String> joining = new HashSet<>();
    /** The highest seq seen in each room: the room list's at login, then every message shown or not. */
    private final Map<String, Long> lastSeqs = new HashMap<>();

    LiveFrames(TerminalSession session, TerminalSession.Terminal terminal, String gatewayUrl) {
        this.session = session;
        this.terminal = terminal;
        this.lines = new FrameLines(session::label, gatewayUrl);
    }

    void sending(String clientMsgId) {
        sent.add(clientMsgId);
    }

    /** A room's seq seen: from the room list, or a message. */
    void seen(String roomId, long seq) {
        lastSeqs.merge(roomId, seq, Math::max);
    }

    /** Where a resume starts, room by room. */
    Map<String, Long> positions() {
        return new HashMap<>(lastSeqs);
    }

    void joining(String roomId) {
        joining.add(roomId);
    }

    void joinEnded(String roomId) {
        joining.remove(roomId);
    }

    /** A message of history, shown as a live one is. */
    List<String> messageLines(JsonNode message) {
        return lines.message(message);
    }

    /** A frame from the gateway for the user {@code userId}. */
    void on(JsonNode frame, String userId) {
        String type = frame.path("type").asText();
        String roomId = frame.path("roomId").asText();
        if ("message".equals(type) && frame.path("seq").canConvertToLong()) {
            seen(roomId, frame.path("seq").asLong());
        }
        if ("resumed".equals(type)) {
            // Rooms whose catch-up stopped at the gateway's cap: the rest is in history.
            for (Iterator<String> rooms = frame.path("partial").fieldNames(); rooms.hasNext();) {
                String label = session.label(rooms.next());
                terminal.line("* more was said in " + (label == null ? "a room" : label) + " while you were away: /history shows it");
            }
            return;
        }
        if ("message".equals(type) && sent.remove(frame.path("clientMsgId").asText())
                && userId.equals(frame.path("sender").path("id").asText())) {
            return;
        }
        if ("error".equals(type) && sent.remove(frame.path("ref").asText())) {
            terminal.line("* not sent: " + frame.path("message").asText());
            return;
        }
        boolean known = session.label(roomId) != null;
        if ("member".equals(type) && userId.equals(frame.path("userId").asText()) && "joined".equals(frame.path("event").asText())) {
            if (!known && !joining.contains(roomId)) {
                Rooms.learn(session, roomId).subscribe().with(ok -> announceJoined(roomId), failure -> announceJoined(roomId));
            }
            return;
        }
        if ("member".equals(type) && !known) {
            // A room this connection does not know yet (a direct conversation being opened): nothing to say.
            return;
        }
        if ("message".equals(type) && !known) {
            // A direct conversation someone else opened: shown by its sender's name now, its label learnt for later.
            session.labels().put(roomId, "@" + frame.path("sender").path("username").asText());
            Rooms.learn(session, roomId).subscribe().with(ok -> { }, failure -> { });
        }
        for (String line : lines.of(frame)) {
            terminal.line(line);
        }
    }

    private void announceJoined(String roomId) {
        synchronized (session) {
            String label = session.label(roomId);
            if (label == null || !label.startsWith("#")) {
                // A direct conversation someone opened with this user: its first message will show it.
                return;
            }
            String name = label.substring(1);
            terminal.line("* you are now a member of #" + name + "; /join " + (name.contains(" ") ? "\"" + name + "\"" : name)
                    + " to talk there");
        }
    }
}
