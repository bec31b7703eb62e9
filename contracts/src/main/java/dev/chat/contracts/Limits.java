package dev.chat.contracts;

/**
 * Limits the public contract fixes (docs/websocket-frames.md, the OpenAPI document): the one place they are
 * written. Clients learn them from the {@code welcome} frame rather than repeating them.
 */
public final class Limits {

    /** The longest message text, in characters (Unicode code points). */
    public static final int MAX_TEXT_LENGTH = 4000;

    /** The most images one message carries. */
    public static final int MAX_ATTACHMENTS = 10;

    private Limits() {
    }
}
