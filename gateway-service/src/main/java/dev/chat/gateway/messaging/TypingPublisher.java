package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.EventRouting;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

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
            // Routed by its headers, like chat-service's events (EventRouting): no gateway parses it.
            RecordHeaders headers = new RecordHeaders();
            EventRouting.write(EventRouting.of(notice), headers);
            var metadata = OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build();
            return events.sendMessage(Message.of(Record.of(roomId, mapper.writeValueAsString(notice))).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
