package dev.chat.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The gateway's HTTP edge: who the client is, how big a body may be, which pages may open the WebSocket, and how often
 * an address may register, log in and refresh. Each default is written once, in application.properties, next to the
 * environment variable that overrides it; the README's table is checked against it.
 */
@ConfigMapping(prefix = "chat.gateway.http")
public interface HttpConfig {

    /**
     * True only when a proxy this operator runs sits in front and appends the client's address to
     * {@code X-Forwarded-For} (and sets {@code X-Forwarded-Proto}): then the last entry of each is believed. Off, the
     * headers are ignored, since any client can send them.
     */
    boolean trustProxy();

    /** The largest request body, in bytes; a bigger one is answered 413 before it is read. */
    int maxBodyBytes();

    /**
     * Pages other than the gateway's own origin that may open {@code /ws} ({@code https://chat.example.org}); the
     * request's own origin is always allowed. Empty: only that one.
     */
    Optional<List<String>> allowedOrigins();

    AuthLimits authLimits();

    /** Calls per client address and, over all addresses, per gateway instance. */
    interface AuthLimits {
        Limit registerPerIp();

        Limit registerGlobal();

        Limit loginPerIp();

        Limit loginGlobal();

        Limit refreshPerIp();

        Limit refreshGlobal();
    }

    /** {@code count} calls per {@code window}, refilled evenly over the window (a token bucket of {@code count}). */
    interface Limit {
        int count();

        Duration window();
    }
}
