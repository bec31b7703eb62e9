package dev.chat.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Ready only once this instance's consumers of its command topics have joined their group and been given their
 * partitions. A service whose consumers are still joining answers nothing: a call sent then waits in a partition
 * nobody reads until the gateway gives up with 503 (a restart used to show 30 s of them). So readiness, and the
 * launcher's "running" line that waits for it, holds back until every consumer of each watched channel has had an
 * assignment: the group's generation then includes all of them, so every partition has an owner. (An instance may own
 * none when there are more consumers than partitions; it is ready all the same, others serve them.)
 *
 * <p>A service names the channels in {@code chat.readiness.kafka-channels} and sets, for each,
 * {@code mp.messaging.incoming.<channel>.consumer-rebalance-listener.name=partition-ownership}. The expected number
 * of consumers is the channel's own {@code concurrency}, read from the same configuration.
 */
@ApplicationScoped
@Identifier(PartitionOwnership.NAME)
@Readiness
public class PartitionOwnership implements KafkaConsumerRebalanceListener, HealthCheck {

    public static final String NAME = "partition-ownership";

    private final Map<String, Integer> expectedConsumers;
    private final Map<Consumer<?, ?>, Owned> consumers = new IdentityHashMap<>();

    /** What one consumer holds: its subscription, and the partitions assigned to it now. */
    private record Owned(Set<String> topics, Set<TopicPartition> partitions) {
    }

    public PartitionOwnership(Config config) {
        this.expectedConsumers = expectedConsumers(config);
    }

    /** topic -> how many consumers of this instance read it, from the watched channels' settings. */
    static Map<String, Integer> expectedConsumers(Config config) {
        Optional<List<String>> channels = config.getOptionalValues("chat.readiness.kafka-channels", String.class);
        Map<String, Integer> expected = new TreeMap<>();
        for (String channel : channels.orElse(List.of())) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            String topic = config.getOptionalValue(prefix + "topic", String.class).orElse(channel);
            int concurrency = config.getOptionalValue(prefix + "concurrency", Integer.class).orElse(1);
            expected.merge(topic, concurrency, Integer::sum);
        }
        return expected;
    }

    @Override
    public synchronized void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumers.computeIfAbsent(consumer, c -> new Owned(Set.copyOf(c.subscription()), new HashSet<>()))
                .partitions().addAll(partitions);
        Log.debugf("partitions assigned: %s", partitions);
    }

    @Override
    public synchronized void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Owned owned = consumers.get(consumer);
        if (owned != null) {
            owned.partitions().removeAll(partitions);
        }
    }

    @Override
    public synchronized void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    @Override
    public synchronized HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka partitions owned");
        boolean ready = true;
        for (var topic : expectedConsumers.entrySet()) {
            int joined = 0;
            int partitions = 0;
            for (Owned owned : consumers.values()) {
                if (owned.topics().contains(topic.getKey())) {
                    joined++;
                    partitions += (int) owned.partitions().stream().filter(p -> p.topic().equals(topic.getKey())).count();
                }
            }
            response.withData(topic.getKey(), joined + " of " + topic.getValue() + " consumers joined, " + partitions + " partitions");
            ready &= joined >= topic.getValue();
        }
        return response.status(ready).build();
    }
}
