package dev.chat.chat.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Drives {@link MessageRelay} and {@link EventOutbox}: every {@code OUTBOX_RELAY_INTERVAL} it writes the published seqs
 * gathered since the last round, then publishes what a crash or a refusing broker left behind. One round at a time.
 */
@ApplicationScoped
public class OutboxRelay {

    private final MessageRelay messages;
    private final EventOutbox events;
    private final Vertx vertx;
    private final ChatConfig.Outbox config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public OutboxRelay(MessageRelay messages, EventOutbox events, Vertx vertx, ChatConfig config) {
        this.messages = messages;
        this.events = events;
        this.vertx = vertx;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.relayInterval().toMillis(), tick -> round());
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
        messages.flush()
                .onFailure().recoverWithNull()
                .chain(messages::relay)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("message relay round failed: %s", failure.toString());
                    return 0;
                })
                .chain(sent -> events.relayLeftovers())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("event outbox round failed: %s", failure.toString());
                    return 0;
                })
                .subscribe().with(sent -> running.set(false), failure -> running.set(false));
    }
}
