package dev.chat.chat.messaging;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes room events (already in the shape of the frames members get), keyed by room id so that every
 * gateway sees one room's events in the order they happened. Each Uni completes when the broker has it.
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

    public Uni<Void> publish(UUID roomId, Map<String, Object> frame) {
        return publish(roomId.toString(), frame);
    }

    /** An event about a user rather than a room (presence), keyed by the user's id to keep their events in order. */
    public Uni<Void> publish(String key, Map<String, Object> frame) {
        try {
            return events.send(Record.of(key, mapper.writeValueAsString(frame)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
