package dev.chat.gateway.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/** Who must act when a session ends on any instance: the WebSocket side closes that session's sockets. */
@ApplicationScoped
public class SessionEndListeners {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void register(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void sessionEnded(String sessionId) {
        listeners.forEach(l -> l.accept(sessionId));
    }
}
