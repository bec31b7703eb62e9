package dev.chat.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.UserEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Learns of new users from user-service's events: each becomes known and a member of general. */
@ApplicationScoped
public class UserEventConsumer {

    private final UserDirectory users;
    private final ObjectMapper mapper;

    public UserEventConsumer(UserDirectory users, ObjectMapper mapper) {
        this.users = users;
        this.mapper = mapper;
    }

    @Incoming("user-events")
    public Uni<Void> onUserEvent(String payload) {
        UserEvent event;
        try {
            event = mapper.readValue(payload, UserEvent.class);
        } catch (Exception e) {
            Log.errorf(e, "unreadable user event skipped: %s", payload);
            return Uni.createFrom().voidItem();
        }
        if (!UserEvent.REGISTERED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return users.ensureKnown(java.util.UUID.fromString(event.userId()), event.username(), event.createdAt());
    }
}
