package dev.chat.user.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.SessionRevoked;
import dev.chat.contracts.UserEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Publishes user facts and session revocations; each Uni completes when the broker has the record. */
@ApplicationScoped
public class UserEventPublisher {

    private final MutinyEmitter<Record<String, String>> userEvents;
    private final MutinyEmitter<Record<String, String>> revocations;
    private final ObjectMapper mapper;

    public UserEventPublisher(@Channel("user-events") MutinyEmitter<Record<String, String>> userEvents,
            @Channel("auth-revocations") MutinyEmitter<Record<String, String>> revocations, ObjectMapper mapper) {
        this.userEvents = userEvents;
        this.revocations = revocations;
        this.mapper = mapper;
    }

    public Uni<Void> published(UserEvent event) {
        return userEvents.send(Record.of(event.userId(), json(event)));
    }

    public Uni<Void> published(SessionRevoked revoked) {
        return revocations.send(Record.of(revoked.sessionId(), json(revoked)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
