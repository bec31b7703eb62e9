package dev.chat.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatEvent.Routing;
import dev.chat.contracts.SketchEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Delivers one room event to this instance's sockets of the room's members. The event is already the frame
 * they get: only its {@link Routing} is read (from the record's headers, or else its fields), and the same bytes go
 * to every recipient.
 */
@ApplicationScoped
public class EventFanout {

    private final SessionRegistry sessions;
    private final ObjectMapper mapper;
    private final Counter deliveries;

    public EventFanout(SessionRegistry sessions, ObjectMapper mapper, MeterRegistry metrics) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.deliveries = metrics.counter("chat.gateway.fanout.deliveries");
    }

    /** Runs a polled batch of events; the writes they cause are flushed a task per event loop after it ({@link FlushBatch}). */
    public static void inBatch(Runnable events) {
        FlushBatch.around(events);
    }

    /**
     * @param frame   the event as published, UTF-8 JSON: the very frame the recipients get
     * @param routing from the record's headers (EventRouting); null to read it from the frame
     */
    public void onEvent(byte[] frame, Routing routing) {
        Routing event = routing;
        if (event == null) {
            try {
                event = mapper.readValue(frame, Routing.class);
            } catch (Exception e) {
                Log.errorf("unreadable room event skipped: %s", new String(frame, StandardCharsets.UTF_8));
                return;
            }
        }
        if (event.type() == null) {
            Log.errorf("room event without a type skipped: %s", new String(frame, StandardCharsets.UTF_8));
            return;
        }
        String roomId = event.roomId();
        if (event.toUserId() != null) {
            // Meant for one person only (a join request to the owner, a rejection to the requester).
            deliverTo(sessions.ofUser(event.toUserId()), frame);
            return;
        }
        switch (event.type()) {
            case ChatEvent.MESSAGE -> {
                long seq = event.seq() == null ? 0 : event.seq();
                for (ClientSession session : sessions.inRoom(roomId)) {
                    session.deliverMessage(roomId, seq, frame);
                    deliveries.increment();
                }
            }
            case ChatEvent.PRESENCE -> onPresence(event, frame);
            case ChatEvent.MEMBER -> onMember(roomId, event.userId(), event.event(), frame);
            case ChatEvent.ROOM -> {
                List<ClientSession> members = List.copyOf(sessions.inRoom(roomId));
                deliverTo(members, frame);
                if (ChatEvent.DELETED.equals(event.event())) {
                    members.forEach(session -> sessions.unfollow(session, roomId));
                }
            }
            // Typing and live sketch previews: to everyone in the room but the person typing or drawing.
            case ChatEvent.TYPING, SketchEvent.DRAW -> {
                for (ClientSession session : sessions.inRoom(roomId)) {
                    if (!session.userId().equals(event.userId())) {
                        session.deliverEvent(frame);
                        deliveries.increment();
                    }
                }
            }
            default -> deliverTo(sessions.inRoom(roomId), frame);
        }
    }

    /**
     * A user came online or went offline: each of this instance's connections that shares a room with them gets
     * it once, without the list of rooms (which names rooms the recipient may not be in).
     */
    private void onPresence(Routing event, byte[] frame) {
        Set<ClientSession> recipients = new HashSet<>();
        for (String roomId : event.roomIds() == null ? List.<String>of() : event.roomIds()) {
            for (ClientSession session : sessions.inRoom(roomId)) {
                if (!session.userId().equals(event.userId())) {
                    recipients.add(session);
                }
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        byte[] stripped;
        try {
            ObjectNode tree = (ObjectNode) mapper.readTree(frame);
            tree.remove("roomIds");
            stripped = mapper.writeValueAsBytes(tree);
        } catch (Exception e) {
            return;
        }
        deliverTo(recipients, stripped);
    }

    private void onMember(String roomId, String userId, String change, byte[] frame) {
        if (ChatEvent.JOINED.equals(change)) {
            // Follow first, so the joiner's own tabs see their join and every message after it: from the next live
            // message on (-1), not from seq 0, which made the room's first live message a "gap" and streamed its whole
            // history onto every tab of the joiner.
            for (ClientSession session : sessions.ofUser(userId)) {
                sessions.follow(session, roomId, -1);
            }
            deliverTo(sessions.inRoom(roomId), frame);
        } else {
            deliverTo(List.copyOf(sessions.inRoom(roomId)), frame);
            for (ClientSession session : sessions.ofUser(userId)) {
                sessions.unfollow(session, roomId);
            }
        }
    }

    private void deliverTo(Iterable<ClientSession> recipients, byte[] frame) {
        for (ClientSession session : recipients) {
            session.deliverEvent(frame);
            deliveries.increment();
        }
    }
}
