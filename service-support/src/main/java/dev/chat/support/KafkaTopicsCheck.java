package dev.chat.support;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chat.contracts.TopicVerifier;
import dev.chat.contracts.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Refuses to start a service whose broker lacks a topic of {@link Topics} or has one in the wrong shape
 * ({@link TopicVerifier}); runs before the messaging channels start, so no consumer auto-creates a topic first.
 */
@ApplicationScoped
public class KafkaTopicsCheck {

    private final Map<String, Object> kafka;
    private final boolean enabled;
    private final Duration timeout;

    public KafkaTopicsCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "chat.topics.check.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "chat.topics.check.timeout", defaultValue = "PT30S") Duration timeout) {
        this.kafka = kafka;
        this.enabled = enabled;
        this.timeout = timeout;
    }

    void verify(@Observes @Priority(0) StartupEvent event) {
        if (enabled) {
            TopicVerifier.verify(kafka, Topics.ALL, timeout);
            Log.debugf("Kafka has the %d topics of contracts/Topics.java in shape", Topics.ALL.size());
        }
    }
}
