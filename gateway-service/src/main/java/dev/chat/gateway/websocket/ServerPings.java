package dev.chat.gateway.websocket;

import java.security.SecureRandom;

import io.vertx.core.buffer.Buffer;

/**
 * The server's own pings of one connection. Each carries a payload of its own, and only the pong that echoes the
 * outstanding one counts: a client that sends pongs of its own accord but never answers (or never reads) is still
 * found unresponsive.
 */
final class ServerPings {

    /** Initialised when the image starts, not when it is built (native-image.properties). */
    private static final SecureRandom TOKENS = new SecureRandom();

    /** The payload of the ping not yet answered; null when none is outstanding. */
    private volatile Buffer outstanding;
    private volatile long lastAnsweredNanos = System.nanoTime();

    /** The payload of the next ping: the outstanding one again while it is unanswered, else a fresh one. */
    Buffer next() {
        Buffer waiting = outstanding;
        if (waiting != null) {
            return waiting;
        }
        byte[] token = new byte[8];
        TOKENS.nextBytes(token);
        outstanding = Buffer.buffer(token);
        return outstanding;
    }

    /** A pong: counted only when it answers the outstanding ping. */
    void answered(Buffer data) {
        Buffer expected = outstanding;
        if (expected != null && expected.equals(data)) {
            outstanding = null;
            lastAnsweredNanos = System.nanoTime();
        }
    }

    long lastAnsweredNanos() {
        return lastAnsweredNanos;
    }
}
