package dev.chat.chat.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.repository.AttachmentRepository;
import dev.chat.chat.repository.AttachmentStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Removes attachments nobody can see any more: uploads no message carried within {@code ATTACHMENT_ORPHAN_AFTER}, and
 * those of deleted or evicted messages and of deleted rooms. Their bytes first, then their rows, so a crash between
 * the two leaves a row that the next round finds again, never a row without its bytes. At most {@link #BATCH} a round.
 */
@ApplicationScoped
public class AttachmentSweeper {

    static final int BATCH = 500;

    private final AttachmentRepository attachments;
    private final AttachmentStore store;
    private final Vertx vertx;
    private final ChatConfig.Attachments config;
    private final Counter swept;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public AttachmentSweeper(AttachmentRepository attachments, AttachmentStore store, Vertx vertx, ChatConfig config,
            MeterRegistry metrics) {
        this.attachments = attachments;
        this.store = store;
        this.vertx = vertx;
        this.config = config.attachments();
        this.swept = metrics.counter("chat.attachments.swept");
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), tick -> {
            if (running.compareAndSet(false, true)) {
                sweep().subscribe().with(count -> running.set(false), failure -> {
                    Log.warnf("attachment sweep failed: %s", failure.toString());
                    running.set(false);
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One round; the number of attachments removed. */
    Uni<Integer> sweep() {
        return attachments.unreachable(config.orphanAfter(), BATCH).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(store::delete).collect().last()
                        .chain(() -> attachments.delete(ids))
                        .invoke(count -> swept.increment(count)));
    }
}
