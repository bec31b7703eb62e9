package dev.chat.sketch.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.SketchEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes canvas ops on sketch.events, keyed by room id so every gateway sees one canvas's ops in seq
 * order. Each Uni completes when the broker has the record.
 */
@ApplicationScoped
public class SketchEventPublisher {

    private final MutinyEmitter<Record<String, String>> events;
    private final ObjectMapper mapper;

    public SketchEventPublisher(@Channel("sketch-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<Record<String, String>> events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    public Uni<Void> publish(UUID roomId, SketchEvent event) {
        try {
            return events.send(Record.of(roomId.toString(), mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
