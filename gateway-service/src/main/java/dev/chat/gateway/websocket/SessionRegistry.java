package dev.chat.gateway.websocket;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.gateway.messaging.PresencePublisher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The WebSockets open on this instance, indexed by connection, user, login session and room: the last is
 * what fan-out reads, so membership changes take effect for routing the moment they are applied here.
 */
@ApplicationScoped
public class SessionRegistry {

    private final Map<String, ClientSession> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> byRoom = new ConcurrentHashMap<>();

    private final PresencePublisher presence;

    public SessionRegistry(PresencePublisher presence, MeterRegistry metrics) {
        this.presence = presence;
        metrics.gaugeMapSize("chat.gateway.websocket.connections", List.of(), byConnection);
    }

    void add(ClientSession session) {
        byConnection.put(session.id(), session);
        byUser.computeIfAbsent(session.userId(), u -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** The session is welcomed: from now on it makes its user online, until it is removed. */
    void announce(ClientSession session) {
        // Under the session's lock, as in remove: the emitter keeps call order, so "connected" cannot reach the
        // topic after this connection's "disconnected" (which would leave the user online for good).
        synchronized (session) {
            if (session.markAnnounced()) {
                presence.connected(session.id(), session.userId(), session.caller().username());
            }
        }
    }

    void remove(ClientSession session) {
        if (byConnection.remove(session.id()) == null) {
            return;
        }
        removeFrom(byUser, session.userId(), session);
        for (String roomId : session.roomIds()) {
            removeFrom(byRoom, roomId, session);
        }
        synchronized (session) {
            if (session.markRemoved()) {
                presence.disconnected(session.id(), session.userId(), session.caller().username());
            }
        }
    }

    void follow(ClientSession session, String roomId, long lastSeq) {
        session.follow(roomId, lastSeq);
        byRoom.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unfollow(ClientSession session, String roomId) {
        session.unfollow(roomId);
        removeFrom(byRoom, roomId, session);
    }

    ClientSession byConnectionId(String connectionId) {
        return byConnection.get(connectionId);
    }

    Collection<ClientSession> inRoom(String roomId) {
        return byRoom.getOrDefault(roomId, Set.of());
    }

    Collection<ClientSession> ofUser(String userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    Collection<ClientSession> all() {
        return byConnection.values();
    }

    public int size() {
        return byConnection.size();
    }

    private static void removeFrom(Map<String, Set<ClientSession>> index, String key, ClientSession session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}
