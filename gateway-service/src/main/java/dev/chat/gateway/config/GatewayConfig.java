package dev.chat.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.gateway")
public interface GatewayConfig {

    /** How long a call waits for a service's reply before the client gets 503. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    WebSocket websocket();

    Presence presence();

    interface Presence {
        /** How often this instance tells user-service it is alive; its connections count as gone when it stops. */
        @WithDefault("PT10S")
        Duration heartbeatInterval();
    }

    interface WebSocket {
        /** Largest client frame accepted; larger ones get an error frame (up to the transport's hard cap). */
        @WithDefault("65536")
        int maxFrameBytes();

        @WithDefault("4000")
        int maxTextLength();

        /** Sends allowed per user per {@link #sendWindow()}, counted on this instance. */
        @WithDefault("20")
        int sendsPerWindow();

        @WithDefault("PT10S")
        Duration sendWindow();

        /** A connection with no client frame for this long gets a system frame and is closed. */
        @WithDefault("PT10M")
        Duration idleTimeout();

        /** The server pings this often; a connection that has not answered for three intervals is closed. */
        @WithDefault("PT30S")
        Duration pingInterval();

        /** At most one typing notice per user and room this often. */
        @WithDefault("PT2S")
        Duration typingInterval();
    }
}
