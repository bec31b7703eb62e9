package dev.chat.gateway.messaging;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Not ready until the replies consumer reads every replies topic from a known offset: a call made earlier could miss
 * its answer. Having the partitions is not enough; the consumer looks up where "latest" is only on its next poll, and a
 * reply written between the assignment and that lookup would fall before the offset it starts from. So the lookup is
 * made here, on the polling thread, before the partitions count as read.
 */
@ApplicationScoped
@Identifier(ReplyPositions.NAME)
@Readiness
public class ReplyPositions implements KafkaConsumerRebalanceListener, HealthCheck {

    public static final String NAME = "reply-positions";

    private final Set<String> read = new TreeSet<>();
    private Set<String> subscribed = Set.of();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(consumer::position);
        synchronized (this) {
            subscribed = Set.copyOf(consumer.subscription());
            partitions.forEach(partition -> read.add(partition.topic()));
        }
        Log.debugf("replies read from %s", partitions);
    }

    @Override
    public synchronized void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // A group of one: whatever it loses comes straight back, and is looked up again then.
        partitions.forEach(partition -> read.remove(partition.topic()));
    }

    @Override
    public synchronized HealthCheckResponse call() {
        boolean ready = !subscribed.isEmpty() && read.containsAll(subscribed);
        return HealthCheckResponse.named("service-replies-read").status(ready).withData("topics", String.join(",", read)).build();
    }
}
