package dev.chat.contracts;

import java.time.Instant;

/**
 * A gateway instance's word about its WebSockets, on {@link Topics#PRESENCE_SIGNALS}. A user is online while
 * any connection of theirs, on any instance, is open; an instance that stops sending heartbeats is taken to
 * be gone, with all its connections.
 *
 * @param type         {@link #CONNECTED}, {@link #DISCONNECTED}, {@link #HEARTBEAT} or {@link #STOPPED}
 * @param gatewayId    the sending instance, random per process start
 * @param connectionId the connection (connected, disconnected)
 * @param userId       whose connection it is (connected, disconnected)
 * @param username     the user's name (connected, disconnected)
 * @param at           when the gateway saw it
 */
public record PresenceSignal(String type, String gatewayId, String connectionId, String userId, String username, Instant at) {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    /** The instance is alive; sent every heartbeat interval. */
    public static final String HEARTBEAT = "heartbeat";
    /** The instance is shutting down: every connection it had is gone. */
    public static final String STOPPED = "stopped";

    public static PresenceSignal connection(String type, String gatewayId, String connectionId, String userId, String username) {
        return new PresenceSignal(type, gatewayId, connectionId, userId, username, Instant.now());
    }

    public static PresenceSignal instance(String type, String gatewayId) {
        return new PresenceSignal(type, gatewayId, null, null, null, Instant.now());
    }
}
