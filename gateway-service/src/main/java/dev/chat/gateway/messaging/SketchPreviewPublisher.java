package dev.chat.gateway.messaging;

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
 * Live previews ({@code sketch.draw}) go on sketch.events directly, keyed by room id, like typing notices on chat.events:
 * every gateway hands them to the room's other members; nothing stores them and nobody waits for the broker. When the
 * buffer is full they are dropped, as the contract allows: the stored stroke is what counts.
 */
@ApplicationScoped
public class SketchPreviewPublisher {

    private final MutinyEmitter<Record<String, String>> events;
    private final ObjectMapper mapper;

    public SketchPreviewPublisher(@Channel("sketch-previews") @OnOverflow(value = OnOverflow.Strategy.DROP)
            MutinyEmitter<Record<String, String>> events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    public Uni<Void> publish(SketchEvent.DrawEvent preview) {
        try {
            events.sendAndForget(Record.of(preview.roomId().toString(), mapper.writeValueAsString(preview)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().voidItem();
    }
}
