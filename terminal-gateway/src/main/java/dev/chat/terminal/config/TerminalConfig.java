package dev.chat.terminal.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The terminal door's settings; each default is written once, in application.properties, next to the environment
 * variable that overrides it (the README's table is checked against it).
 */
@ConfigMapping(prefix = "chat.terminal")
public interface TerminalConfig {

    /** The plain TCP port ({@code TERMINAL_PORT}). */
    int port();

    /** The address it listens on ({@code TERMINAL_HOST}). */
    String host();

    /** The gateway whose public API the door speaks ({@code GATEWAY_URL}). */
    String gatewayUrl();

    /** How long a call to the gateway may take. */
    Duration requestTimeout();

    /** The longest line, in bytes ({@code TERMINAL_MAX_LINE_BYTES}): longer ones are refused with a notice. */
    int maxLineBytes();

    /** Lines a connection may send per {@link #lineWindow()}; more are refused with a notice, and dropped. */
    int linesPerWindow();

    Duration lineWindow();

    /** A connection that sent no line for this long gets a notice and is closed ({@code TERMINAL_IDLE_TIMEOUT}). */
    Duration idleTimeout();

    /** Connections at once on this instance ({@code TERMINAL_MAX_CONNECTIONS}); one more is told so and closed. */
    int maxConnections();

    /** The TLS port, for {@code openssl s_client} and the like; off unless set with a key and certificate. */
    Tls tls();

    interface Tls {
        /** {@code TERMINAL_TLS_PORT}. */
        Optional<Integer> port();

        /** PEM certificate chain ({@code TERMINAL_TLS_CERT}). */
        Optional<String> certificate();

        /** PEM private key ({@code TERMINAL_TLS_KEY}). */
        Optional<String> key();
    }
}
