package dev.chat.user.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * user-service's outbox depth as gauges, read every 15 s: registrations never announced and revocations not surely
 * sent (while they still matter), and the age of the oldest. Normally none past a second; an oldest minutes old means
 * the relay cannot publish, and a revocation that stays unsent leaves a logged-out token accepted by some gateway
 * (deploy/README.md, "What to watch").
 */
@ApplicationScoped
public class OutboxDepth {

    static final long INTERVAL_MILLIS = 15_000;

    private final OutboxRepository outbox;
    private final Vertx vertx;
    private final Duration relevance;
    private final AtomicLong unannounced = new AtomicLong();
    private final AtomicLong unsentRevocations = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private long timer = -1;

    public OutboxDepth(OutboxRepository outbox, Vertx vertx, UserServiceConfig config, MeterRegistry metrics) {
        this.outbox = outbox;
        this.vertx = vertx;
        // A revocation matters while a token of its session could still be accepted (UserEventRelay).
        this.relevance = config.accessTokenTtl().plus(config.tokenClockSkew());
        metrics.gauge("chat.users.outbox.pending", Tags.of("kind", "registered"), unannounced);
        metrics.gauge("chat.users.outbox.pending", Tags.of("kind", "revocation"), unsentRevocations);
        metrics.gauge("chat.users.outbox.oldest.seconds", oldestMillis, millis -> millis.get() / 1000.0);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(INTERVAL_MILLIS, tick -> measure().subscribe().with(ok -> {
        }, failure -> Log.debugf("outbox depth not read: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the depth into the gauges. */
    Uni<Void> measure() {
        return outbox.depth(relevance).invoke(depth -> {
            unannounced.set(depth.unannouncedUsers());
            unsentRevocations.set(depth.unsentRevocations());
            oldestMillis.set(Math.round(depth.oldestSeconds() * 1000));
        }).replaceWithVoid();
    }
}
