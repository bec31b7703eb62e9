package dev.chat.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import dev.chat.contracts.Topics.TopicSpec;

/**
 * Checks, when a service starts, that the broker has the topics of {@link Topics} in their shape. A cluster creates
 * them (deploy/k8s: Strimzi's KafkaTopics, or the dev overlay's job); a broker that auto-creates topics would make
 * them with its default partition count and no compaction, and the system would run, wrongly: a compacted topic
 * that is not compacted grows forever, a single-partition topic with more partitions loses its order, and a topic
 * with fewer partitions than chat-service has consumers leaves some idle. So a service refuses to start instead,
 * saying what is wrong.
 */
public final class TopicVerifier {

    /** What the broker says about one topic. */
    public record Observed(int partitions, boolean compacted) {
    }

    private TopicVerifier() {
    }

    /** What is wrong with the observed topics for {@code needed}; empty when nothing is. */
    public static List<String> problems(List<TopicSpec> needed, Map<String, Observed> observed) {
        List<String> problems = new ArrayList<>();
        for (TopicSpec spec : needed) {
            Observed topic = observed.get(spec.name());
            if (topic == null) {
                problems.add(spec.name() + " is missing (needs " + spec.partitions() + " partitions"
                        + (spec.compacted() ? ", compacted)" : ")"));
                continue;
            }
            if (spec.partitions() == 1 && topic.partitions() != 1) {
                problems.add(spec.name() + " has " + topic.partitions() + " partitions; it needs exactly one, for its order");
            } else if (topic.partitions() < spec.partitions()) {
                problems.add(spec.name() + " has " + topic.partitions() + " partitions; it needs at least " + spec.partitions());
            }
            if (spec.compacted() && !topic.compacted()) {
                problems.add(spec.name() + " is not compacted (cleanup.policy=compact)");
            } else if (!spec.compacted() && topic.compacted()) {
                problems.add(spec.name() + " is compacted; compaction would drop its records");
            }
        }
        return problems;
    }

    /**
     * Asks the broker and throws, with every problem in the message, unless all of {@code needed} is there in shape.
     *
     * @param adminConfig the service's Kafka client settings (bootstrap servers, security)
     */
    public static void verify(Map<String, Object> adminConfig, List<TopicSpec> needed, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        adminConfig.forEach((key, value) -> {
            if (!key.startsWith("group.") && !key.startsWith("key.") && !key.startsWith("value.")) {
                config.put(key, value);
            }
        });
        config.put("request.timeout.ms", (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Object bootstrap = config.get("bootstrap.servers");
        List<String> problems;
        try (Admin admin = Admin.create(config)) {
            problems = problems(needed, observe(admin, needed, timeout));
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not describe the topics within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " could not describe the topics: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka's topics", e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka at " + bootstrap + " does not have the topics this service needs:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nCreate them as contracts/Topics.java declares (deploy/k8s: the KafkaTopic resources, or the dev overlay's"
                    + " kafka-topics job).");
        }
    }

    private static Map<String, Observed> observe(Admin admin, List<TopicSpec> needed, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> present = needed.stream().map(TopicSpec::name).filter(existing::contains).collect(Collectors.toSet());
        if (present.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(present).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<ConfigResource> resources = present.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toSet());
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Observed> observed = new HashMap<>();
        for (String name : present) {
            var policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            boolean compacted = policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            observed.put(name, new Observed(descriptions.get(name).partitions().size(), compacted));
        }
        return observed;
    }
}
