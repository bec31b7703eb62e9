package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Operation;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Live previews ({@code sketch.draw}) go to sketch-service one way, keyed by room id: it checks membership and passes
 * them on to every gateway; nobody waits for an answer. When the buffer is full they are dropped, as the contract
 * allows: the stored stroke is what counts.
 */
@ApplicationScoped
public class SketchPreviewPublisher {

    private final MutinyEmitter<Record<String, String>> commands;
    private final ObjectMapper mapper;

    public SketchPreviewPublisher(@Channel("sketch-previews") @OnOverflow(value = OnOverflow.Strategy.DROP)
            MutinyEmitter<Record<String, String>> commands, ObjectMapper mapper) {
        this.commands = commands;
        this.mapper = mapper;
    }

    public Uni<Void> publish(String roomId, Caller caller, JsonNode frame) {
        String payload;
        try {
            payload = mapper.writeValueAsString(new ServiceRequest(Operation.SKETCH_DRAW, caller, frame));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // Fire and forget: the frame's handling does not wait for the broker.
        commands.sendAndForget(Record.of(roomId, payload));
        return Uni.createFrom().voidItem();
    }
}
