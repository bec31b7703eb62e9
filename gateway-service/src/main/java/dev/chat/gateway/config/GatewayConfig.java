package dev.chat.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * The gateway's settings. Each default is written once, in application.properties, next to the environment
 * variable that overrides it ({@code ${WS_IDLE_TIMEOUT:PT10M}}); the README's table is checked against it.
 */
@ConfigMapping(prefix = "chat.gateway")
public interface GatewayConfig {

    /** How long a call waits for a service's reply before the client gets 503. */
    Duration requestTimeout();

    WebSocket websocket();

    Presence presence();

    /** When a call is answered {@code overloaded} at once instead of waiting ({@code InFlightBudget}). */
    Overload overload();

    interface Overload {
        /** Calls to one service waiting for their reply on this instance; one more is shed. */
        int maxInFlight();

        /** With calls waiting and no reply from the service for this long, new calls are shed until one comes. */
        Duration stallAfter();

        /** What a shed call tells the client to wait: {@code Retry-After} (s, rounded up), {@code retryAfterMs}. */
        Duration retryAfter();
    }

    /** Image uploads and downloads, whose bytes go to chat-service over HTTP, never through Kafka. */
    Attachments attachments();

    interface Attachments {
        /** Where chat-service's HTTP port is ({@code CHAT_SERVICE_URL}): in a cluster, its Service. */
        String chatServiceUrl();

        /** The largest upload, in bytes ({@code ATTACHMENT_MAX_BYTES}, the setting chat-service enforces too). */
        int maxBytes();

        /**
         * Uploads this instance holds at once (each up to {@link #maxBytes()} in memory until chat-service has it); one
         * more is answered 503 {@code overloaded}.
         */
        int maxConcurrentUploads();

        /**
         * Full-size images this instance reads from chat-service at once (each held whole, up to {@link #maxBytes()},
         * until it is sent); one more is answered 503 {@code overloaded}. Thumbnails are small and not counted.
         */
        int maxConcurrentReads();

        /** How long a call to chat-service for an upload or a download may take. */
        Duration timeout();
    }

    interface Presence {
        /** How often this instance tells user-service it is alive; its connections count as gone when it stops. */
        Duration heartbeatInterval();
    }

    interface WebSocket {
        /** Largest client frame accepted; larger ones get an error frame (up to the transport's hard cap). */
        int maxFrameBytes();

        /** Sends allowed per user per {@link #sendWindow()}, counted on this instance. */
        int sendsPerWindow();
        Duration sendWindow();

        /** A connection with no client frame for this long gets a system frame and is closed. */
        Duration idleTimeout();

        /** The server pings this often; a connection that has not answered for three intervals is closed. */
        Duration pingInterval();

        /** At most one typing notice per user and room this often. */
        Duration typingInterval();

        /**
         * Sketch points a user may draw per second, previews and strokes together (an undo, redo or clear counts 50);
         * a burst of two seconds' worth is allowed.
         */
        int sketchPointsPerSecond();

        /** A live preview older than this when it reaches the instance is dropped, not delivered late. */
        Duration sketchPreviewMaxAge();

        /**
         * A connection with more than this many bytes of frames unsent (it does not read) is closed with 1013
         * and its queue dropped; the client reconnects and resumes.
         */
        long maxUnsentBytes();

        /**
         * A connection's client frames waiting to be handled (they are handled one at a time, in order); one more is
         * refused with {@code rate_limited} and its ref, so a flood holds at most this many frames in memory.
         */
        int maxPendingFrames();

        /** Open WebSockets per user on this instance; one more is closed at once (1008). */
        int maxConnectionsPerUser();

        /**
         * How often each connection's rooms are asked again of chat-service ({@code MembershipRecheck}): the longest a
         * removed member may go on receiving a room should the event that removes them be lost.
         */
        Duration membershipCheckInterval();

        /**
         * On shutdown, how long the gateway takes to close its WebSockets (1012), spread evenly, so their clients
         * reconnect to other instances a few at a time ({@code ConnectionDrain}).
         */
        Duration drainWindow();

        /** Resumes (a client's {@code resume} frame) per connection per minute. */
        int resumesPerMinute();

        /**
         * The most messages one resume sends per room; beyond it the connection follows the room live from then on
         * and {@code resumed} names the room as {@code partial}, for the client to read the rest from history.
         */
        int resumeMaxMessages();
    }
}
