package dev.chat.chat.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes room events, keyed by room id so that every gateway sees one room's events in the order they
 * happened. Each Uni completes when the broker has it.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private final MutinyEmitter<Record<String, String>> events;
    private final ObjectMapper mapper;

    /** A batch of sends publishes its events at once: the buffer holds a few batches' worth while the producer drains. */
    public ChatEventPublisher(@Channel("chat-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<Record<String, String>> events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    public Uni<Void> publish(UUID roomId, ChatEvent event) {
        return publish(roomId.toString(), event);
    }

    /** An event about a user rather than a room (presence), keyed by the user's id to keep their events in order. */
    public Uni<Void> publish(String key, ChatEvent event) {
        try {
            return events.send(Record.of(key, mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
