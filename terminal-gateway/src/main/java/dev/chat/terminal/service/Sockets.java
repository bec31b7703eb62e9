package dev.chat.terminal.service;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Opens a user's WebSocket to the gateway; an interface so a session's logic can be tested without one. */
public interface Sockets {

    /** An open socket. */
    interface Handle {
        void send(Object frame);

        boolean isOpen();

        void close();
    }

    /** Opens {@code /ws} with the token; {@code frames} gets each frame, {@code closed} runs once it closes. */
    Uni<Handle> open(String accessToken, Consumer<JsonNode> frames, Runnable closed);
}
