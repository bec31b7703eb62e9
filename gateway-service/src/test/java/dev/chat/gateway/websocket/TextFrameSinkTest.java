package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The gateway can reach the Vert.x WebSocket under a websockets-next connection. That frames written through it arrive
 * intact as text (multi-byte UTF-8 included) is checked end to end, where a real gateway serves real clients
 * (ObservabilityIT): a plain Vert.x server started inside this module's test JVM is not served once Quarkus tests ran.
 */
class TextFrameSinkTest {

    @Test
    void theVertxWebSocketUnderAWebsocketsNextConnectionIsWithinReach() {
        // If a Quarkus upgrade moves it, fan-out silently falls back to one String encoding per recipient: fail here instead.
        assertTrue(TextFrameSink.VertxSockets.available(), "websockets-next's connection no longer exposes its Vert.x WebSocket");
    }
}
