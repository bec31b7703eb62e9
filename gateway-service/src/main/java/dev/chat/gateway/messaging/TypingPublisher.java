package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Typing notices go on the events topic directly: every instance delivers them, nothing stores them. */
@ApplicationScoped
public class TypingPublisher {

    private final MutinyEmitter<Record<String, String>> events;
    private final ObjectMapper mapper;

    public TypingPublisher(@Channel("typing-events") MutinyEmitter<Record<String, String>> events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    public Uni<Void> publish(String roomId, ChatEvent.TypingEvent notice) {
        try {
            return events.send(Record.of(roomId, mapper.writeValueAsString(notice)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
