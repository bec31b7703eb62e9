package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chat.gateway.config.HttpConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The Origin rules of /ws, without a server. */
class OriginRulesTest {

    static WebSocketOrigins allowing(String... origins) {
        HttpConfig config = new HttpConfig() {
            @Override
            public boolean trustProxy() {
                return false;
            }

            @Override
            public int maxBodyBytes() {
                return 65536;
            }

            @Override
            public Optional<List<String>> allowedOrigins() {
                return origins.length == 0 ? Optional.empty() : Optional.of(List.of(origins));
            }

            @Override
            public AuthLimits authLimits() {
                return null;
            }
        };
        return new WebSocketOrigins(config, new SimpleMeterRegistry());
    }

    @Test
    void originsAreComparedWithTheirPortsWritten() {
        assertEquals("https://chat.example.org:443", WebSocketOrigins.normalise("https://Chat.Example.org"));
        assertEquals("http://localhost:8080", WebSocketOrigins.normalise("http://localhost:8080/"));
        assertNull(WebSocketOrigins.normalise("null"));
        assertNull(WebSocketOrigins.normalise("file:///etc/passwd"));
        assertNull(WebSocketOrigins.normalise("https://chat.example.org/path"));
        assertNull(WebSocketOrigins.normalise("https://user@chat.example.org"));
    }

    @Test
    void sameOriginIsTheHostHeadersHostAndPort() {
        WebSocketOrigins origins = allowing();
        assertTrue(origins.isAllowed("http://localhost:8080", "localhost:8080"));
        assertTrue(origins.isAllowed("http://LOCALHOST:8080", "localhost:8080"));
        assertTrue(origins.isAllowed("https://chat.example.org", "chat.example.org"));
        assertTrue(origins.isAllowed("http://[::1]:8080", "[::1]:8080"));
        assertFalse(origins.isAllowed("http://localhost:8081", "localhost:8080"));
        assertFalse(origins.isAllowed("http://evil.example:8080", "localhost:8080"));
        assertFalse(origins.isAllowed("https://chat.example.org.evil.example", "chat.example.org"));
        assertFalse(origins.isAllowed("http://localhost:8080", null));
    }

    @Test
    void theConfiguredOnesToo() {
        WebSocketOrigins origins = allowing("https://app.example.org", " http://localhost:5173 ");
        assertTrue(origins.isAllowed("https://app.example.org", "gateway.internal:8080"));
        assertTrue(origins.isAllowed("https://app.example.org:443", "gateway.internal:8080"));
        assertTrue(origins.isAllowed("http://localhost:5173", "gateway.internal:8080"));
        assertFalse(origins.isAllowed("http://app.example.org", "gateway.internal:8080"));
        assertThrows(IllegalArgumentException.class, () -> allowing("app.example.org"));
    }
}
