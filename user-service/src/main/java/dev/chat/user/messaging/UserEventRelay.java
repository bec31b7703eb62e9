package dev.chat.user.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.contracts.SessionRevoked;
import dev.chat.contracts.UserEvent;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * "registered" events and session revocations, published after their commit and marked sent once the broker has them
 * ({@link OutboxRepository}); every {@code OUTBOX_RELAY_INTERVAL} what is older than the grace and still unmarked (the
 * process died in between, or the broker refused) is published again. A logout whose revocation could not be published
 * is so retried until it is out, for as long as a token of the session could still be accepted.
 */
@ApplicationScoped
public class UserEventRelay {

    private static final int BATCH = 200;

    private final UserEventPublisher publisher;
    private final OutboxRepository outbox;
    private final Vertx vertx;
    private final UserServiceConfig config;
    private final Counter relayed;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public UserEventRelay(UserEventPublisher publisher, OutboxRepository outbox, Vertx vertx, UserServiceConfig config,
            MeterRegistry metrics) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
        this.relayed = metrics.counter("chat.users.outbox.relayed");
    }

    /** Announces a new user; completes once the event is out and marked. */
    public Uni<Void> announce(UUID userId, String username, Instant createdAt) {
        return publisher.published(UserEvent.registered(userId.toString(), username, createdAt))
                .chain(() -> outbox.announced(userId));
    }

    /**
     * Tells every gateway a session has ended; kept by them until no access token of it can be accepted any more: the
     * token's lifetime from now, plus the clock skew gateways allow.
     */
    public Uni<Void> revoke(UUID sessionId, UUID userId, Instant revokedAt) {
        Instant until = revokedAt.plus(config.accessTokenTtl()).plus(config.tokenClockSkew());
        return publisher.published(new SessionRevoked(sessionId.toString(), userId.toString(), until))
                .chain(() -> outbox.revocationSent(sessionId));
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.outbox().relayInterval().toMillis(), tick -> round());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void round() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        relayOnce()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("user event relay round failed: %s", failure.toString());
                    return 0;
                })
                .subscribe().with(sent -> running.set(false), failure -> running.set(false));
    }

    /** One round: unannounced users, then unsent revocations still worth sending; the number published. */
    Uni<Integer> relayOnce() {
        Duration grace = config.outbox().grace();
        Duration relevance = config.accessTokenTtl().plus(config.tokenClockSkew());
        Uni<Integer> users = outbox.unannounced(grace, BATCH).chain(found -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(user -> announce(user.id(), user.username(), user.createdAt()))
                .collect().last().replaceWith(found.size()));
        return users.chain(announced -> outbox.unsentRevocations(grace, relevance, BATCH)
                .chain(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(
                                revoked -> revoke(revoked.sessionId(), revoked.userId(), revoked.revokedAt()))
                        .collect().last().replaceWith(announced + found.size())))
                .invoke(sent -> {
                    if (sent > 0) {
                        relayed.increment(sent);
                        Log.infof("relayed %d user event(s) not surely published before", sent);
                    }
                });
    }
}
