package dev.chat.gateway.websocket;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Delivers one room event to this instance's sockets of the room's members. The event is already the frame
 * they get: it is parsed once for routing and forwarded as the same text to every recipient.
 */
@ApplicationScoped
public class EventFanout {

    private final SessionRegistry sessions;
    private final Counter deliveries;

    private final ObjectMapper mapper;

    public EventFanout(SessionRegistry sessions, ObjectMapper mapper, MeterRegistry metrics) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.deliveries = metrics.counter("chat.gateway.fanout.deliveries");
    }

    public void onEvent(String frame) {
        JsonNode event;
        try {
            event = mapper.readTree(frame);
        } catch (Exception e) {
            Log.errorf("unreadable room event skipped: %s", frame);
            return;
        }
        String type = event.path("type").asText();
        String roomId = event.path("roomId").asText();
        if (event.hasNonNull("toUserId")) {
            // Meant for one person only (a join request to the owner, a rejection to the requester).
            deliverTo(sessions.ofUser(event.get("toUserId").asText()), frame);
            return;
        }
        switch (type) {
            case "message" -> {
                long seq = event.path("seq").asLong();
                for (ClientSession session : sessions.inRoom(roomId)) {
                    session.deliverMessage(roomId, seq, frame);
                    deliveries.increment();
                }
            }
            case "presence" -> onPresence(event);
            case "member" -> onMember(roomId, event.path("userId").asText(), event.path("event").asText(), frame);
            case "room" -> {
                List<ClientSession> members = List.copyOf(sessions.inRoom(roomId));
                deliverTo(members, frame);
                if ("deleted".equals(event.path("event").asText())) {
                    members.forEach(session -> sessions.unfollow(session, roomId));
                }
            }
            case "typing" -> {
                String typist = event.path("userId").asText();
                for (ClientSession session : sessions.inRoom(roomId)) {
                    if (!session.userId().equals(typist)) {
                        session.deliver(frame);
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
    private void onPresence(JsonNode event) {
        String subject = event.path("userId").asText();
        java.util.Set<ClientSession> recipients = new java.util.HashSet<>();
        for (JsonNode roomId : event.path("roomIds")) {
            for (ClientSession session : sessions.inRoom(roomId.asText())) {
                if (!session.userId().equals(subject)) {
                    recipients.add(session);
                }
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode frame = event.deepCopy();
        frame.remove("roomIds");
        deliverTo(recipients, frame.toString());
    }

    private void onMember(String roomId, String userId, String change, String frame) {
        if ("joined".equals(change)) {
            // Follow first, so the joiner's own tabs see their join and every message after it.
            for (ClientSession session : sessions.ofUser(userId)) {
                sessions.follow(session, roomId, 0);
            }
            deliverTo(sessions.inRoom(roomId), frame);
        } else {
            deliverTo(List.copyOf(sessions.inRoom(roomId)), frame);
            for (ClientSession session : sessions.ofUser(userId)) {
                sessions.unfollow(session, roomId);
            }
        }
    }

    private void deliverTo(Iterable<ClientSession> recipients, String frame) {
        for (ClientSession session : recipients) {
            session.deliver(frame);
            deliveries.increment();
        }
    }
}
