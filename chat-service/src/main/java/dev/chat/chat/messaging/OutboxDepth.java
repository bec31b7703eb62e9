package dev.chat.chat.messaging;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The outbox's depth as gauges, read every 15 s (a scrape's interval; the rooms scan is not worth more often): events
 * waiting in the outbox and the age of the oldest, and messages above their room's published_seq. Normally a few, for
 * a second; an oldest event minutes old means the relay cannot publish (deploy/README.md, "What to watch").
 */
@ApplicationScoped
public class OutboxDepth {

    static final long INTERVAL_MILLIS = 15_000;

    private final OutboxRepository outbox;
    private final Vertx vertx;
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong oldestEventMillis = new AtomicLong();
    private final AtomicLong unpublishedMessages = new AtomicLong();
    private long timer = -1;

    public OutboxDepth(OutboxRepository outbox, Vertx vertx, MeterRegistry metrics) {
        this.outbox = outbox;
        this.vertx = vertx;
        metrics.gauge("chat.outbox.events.pending", pendingEvents);
        metrics.gauge("chat.outbox.events.oldest.seconds", oldestEventMillis, millis -> millis.get() / 1000.0);
        metrics.gauge("chat.outbox.messages.unpublished", unpublishedMessages);
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
        return outbox.depth().invoke(depth -> {
            pendingEvents.set(depth.events());
            oldestEventMillis.set(Math.round(depth.oldestEventSeconds() * 1000));
            unpublishedMessages.set(depth.unpublishedMessages());
        }).replaceWithVoid();
    }
}
