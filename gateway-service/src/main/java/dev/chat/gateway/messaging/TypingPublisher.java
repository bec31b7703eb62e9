package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Typing notices go on the events topic directly: every instance delivers them, nothing stores them. */
@ApplicationScoped
public class TypingPublisher {

    private final MutinyEmitter<Record<String, String>> events;

    public TypingPublisher(@Channel("typing-events") MutinyEmitter<Record<String, String>> events) {
        this.events = events;
    }

    public Uni<Void> publish(String roomId, String frame) {
        return events.send(Record.of(roomId, frame));
    }
}
