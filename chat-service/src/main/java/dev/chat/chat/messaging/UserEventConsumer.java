package dev.chat.chat.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.UserEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Learns of users from user-service's events: a new user becomes known and a member of general; a presence
 * change is recorded for member lists and passed on to the gateways with the user's rooms, so that the
 * members who share one with them get a {@code presence} frame.
 */
@ApplicationScoped
public class UserEventConsumer {

    private final UserDirectory users;
    private final ChatEventPublisher events;
    private final ObjectMapper mapper;
    private final ChatConfig config;

    public UserEventConsumer(UserDirectory users, ChatEventPublisher events, ObjectMapper mapper, ChatConfig config) {
        this.users = users;
        this.events = events;
        this.mapper = mapper;
        this.config = config;
    }

    @Incoming("user-events")
    public Uni<Void> onUserEvent(String payload) {
        UserEvent event;
        UUID userId;
        try {
            event = mapper.readValue(payload, UserEvent.class);
            userId = UUID.fromString(event.userId());
        } catch (Exception e) {
            // The size, not the payload: whatever landed on the topic is not the log's to repeat.
            Log.errorf("unreadable user event skipped (%d characters, %s)", payload == null ? 0 : payload.length(),
                    e.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        if (UserEvent.REGISTERED.equals(event.type())) {
            return users.ensureKnown(userId, event.username(), event.createdAt());
        }
        if (UserEvent.PRESENCE.equals(event.type()) && event.version() != null && event.username() != null) {
            boolean online = UserEvent.ONLINE.equals(event.status());
            Instant at = event.at() == null ? Instant.now() : event.at();
            return users.ensureKnown(userId, event.username(), at)
                    .chain(() -> users.applyPresence(userId, online, at, event.version(), config.presenceFanoutMaxMembers()))
                    .chain(rooms -> rooms.isEmpty() || rooms.get().isEmpty() ? Uni.createFrom().voidItem()
                            : events.publish(event.userId(),
                                    Frames.presence(event.userId(), event.username(), event.status(), event.at(), rooms.get())));
        }
        return Uni.createFrom().voidItem();
    }
}
