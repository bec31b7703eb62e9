package dev.chat.user.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.UserEvent;
import dev.chat.support.Times;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.messaging.UserEventPublisher;
import dev.chat.user.repository.PresenceStore;
import dev.chat.user.repository.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Presence: a user is online while any of their connections, on any gateway instance, is open. Gateways say
 * when connections open and close and that they are alive; an instance silent for longer than the
 * heartbeat TTL is taken as crashed, with all its connections. A user whose last connection closes counts
 * as offline only after a short grace, so a page reload or a reconnect does not flicker offline and back.
 * Each change is published on user.events with the user's presence version.
 */
@ApplicationScoped
public class PresenceService {

    private final PresenceStore store;
    private final UserRepository users;
    private final UserEventPublisher events;
    private final UserServiceConfig.Presence config;
    private final MeterRegistry metrics;

    public PresenceService(PresenceStore store, UserRepository users, UserEventPublisher events, UserServiceConfig config,
            MeterRegistry metrics) {
        this.store = store;
        this.users = users;
        this.events = events;
        this.config = config.presence();
        this.metrics = metrics;
    }

    public Uni<Void> onSignal(PresenceSignal signal) {
        if (signal.type() == null || signal.gatewayId() == null) {
            Log.warnf("presence signal without type or gateway skipped (type %s, gateway %s)", signal.type(), signal.gatewayId());
            return Uni.createFrom().voidItem();
        }
        long now = System.currentTimeMillis();
        return switch (signal.type()) {
            case PresenceSignal.CONNECTED -> validConnection(signal)
                    ? store.connect(signal.gatewayId(), signal.connectionId(), signal.userId(), now)
                            .chain(version -> version > 0 ? changed(signal.userId(), signal.username(), true, version)
                                    : Uni.createFrom().voidItem())
                    : skip(signal);
            case PresenceSignal.DISCONNECTED -> validConnection(signal)
                    ? store.disconnect(signal.gatewayId(), signal.connectionId(), signal.userId(), now + config.offlineGrace().toMillis())
                            .replaceWithVoid()
                    : skip(signal);
            case PresenceSignal.HEARTBEAT -> store.heartbeat(signal.gatewayId(), now);
            case PresenceSignal.STOPPED -> dropGateway(signal.gatewayId(), false);
            default -> skip(signal);
        };
    }

    /**
     * Takes the connections of instances that stopped sending heartbeats off the books, then lets users whose
     * grace ended go offline. Safe to run on several user-service instances at once.
     */
    public Uni<Void> sweep() {
        long now = System.currentTimeMillis();
        return store.gatewaysSilentSince(now - config.gatewayTtl().toMillis())
                .onItem().transformToMulti(gateways -> Multi.createFrom().iterable(gateways))
                .onItem().transformToUniAndConcatenate(gatewayId -> {
                    Log.infof("gateway %s sent no heartbeat for %s: its connections are closed", gatewayId, config.gatewayTtl());
                    metrics.counter("chat.presence.gateways.expired").increment();
                    return dropGateway(gatewayId, true);
                })
                .collect().last()
                .chain(() -> store.leavingBy(now))
                .onItem().transformToMulti(leaving -> Multi.createFrom().iterable(leaving))
                .onItem().transformToUniAndConcatenate(userId -> store.leave(userId, now)
                        .chain(version -> version > 0 ? changed(userId, null, false, version) : Uni.createFrom().voidItem()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Every connection the instance had is closed, in one atomic step; its users start their grace. */
    private Uni<Void> dropGateway(String gatewayId, boolean onlyIfSilent) {
        long offlineAt = System.currentTimeMillis() + config.offlineGrace().toMillis();
        return store.dropGateway(gatewayId, offlineAt, onlyIfSilent).replaceWithVoid();
    }

    private Uni<Void> changed(String userId, String knownName, boolean online, long version) {
        Instant at = Times.now();
        metrics.counter("chat.presence.changes", "status", online ? "online" : "offline").increment();
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
        return users.touchLastSeen(id, at)
                .chain(username -> events.published(UserEvent.presence(userId, username.orElse(knownName), online, at, version)));
    }

    private static boolean validConnection(PresenceSignal signal) {
        return signal.userId() != null && signal.connectionId() != null;
    }

    private static Uni<Void> skip(PresenceSignal signal) {
        Log.warnf("unusable presence signal %s of gateway %s skipped", signal.type(), signal.gatewayId());
        return Uni.createFrom().voidItem();
    }

    /** For listings: which of these users are online. */
    public Uni<Set<String>> onlineAmong(List<String> userIds) {
        return store.onlineAmong(userIds);
    }

    public Uni<List<String>> onlineUsers() {
        return store.onlineUsers();
    }
}
