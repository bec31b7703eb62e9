package dev.chat.gateway.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.core.Vertx;

/**
 * Not ready until this instance has read every revocation that was on the topic when it started: before that, a token of
 * a logged-out session would still be let in here. Once caught up, it stays ready (later revocations arrive live).
 */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    static final String CHANNEL = "auth-revocations";

    private final KafkaClientService clients;
    private final Vertx vertx;
    /** The topic's end offsets when this instance first had its partitions; null until then. */
    private volatile Map<TopicPartition, Long> endAtStart;
    /** The next offset to read per partition, as far as revocations have been applied. */
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean asking;

    public RevocationsReadiness(KafkaClientService clients, Vertx vertx) {
        this.clients = clients;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setPeriodic(200, timer -> {
            if (caughtUp) {
                vertx.cancelTimer(timer);
            } else if (endAtStart == null) {
                askEndOffsets();
            }
        });
    }

    /** Called once a revocation at {@code offset} has been applied. */
    void applied(int partition, long offset) {
        applied.merge(partition, offset + 1, Math::max);
    }

    private void askEndOffsets() {
        var consumer = clients.getConsumer(CHANNEL);
        if (consumer == null || asking) {
            return;
        }
        asking = true;
        consumer.getAssignments()
                .chain(partitions -> partitions.isEmpty() ? Uni.createFrom().<Map<TopicPartition, Long>>nullItem()
                        : consumer.runOnPollingThread(endOffsets(Set.copyOf(partitions))))
                .subscribe().with(ends -> {
                    endAtStart = ends;
                    asking = false;
                }, failure -> {
                    asking = false;
                    Log.debugf("revocation end offsets not known yet: %s", failure.toString());
                });
    }

    private static Function<Consumer<Object, Object>, Map<TopicPartition, Long>> endOffsets(Set<TopicPartition> partitions) {
        return kafka -> kafka.endOffsets(partitions);
    }

    @Override
    public HealthCheckResponse call() {
        Map<TopicPartition, Long> ends = endAtStart;
        if (!caughtUp && ends != null) {
            caughtUp = ends.entrySet().stream()
                    .allMatch(end -> end.getValue() == 0 || applied.getOrDefault(end.getKey().partition(), 0L) >= end.getValue());
        }
        return HealthCheckResponse.named("revocations-read").status(caughtUp)
                .withData("endOffsetsKnown", ends != null)
                .build();
    }
}
