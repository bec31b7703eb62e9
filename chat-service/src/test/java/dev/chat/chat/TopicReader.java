package dev.chat.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A test's reader of one topic from its end: joined and positioned before the test acts, so nothing it causes is missed. */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;

    public TopicReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "latest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position);
    }

    /** The next record (within 30 s) that {@code wanted} accepts, as JSON; the ones before it are passed over. */
    public JsonNode await(Predicate<ConsumerRecord<String, String>> wanted) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return MAPPER.readTree(record.value());
                }
                seen.add(record.key());
            }
        }
        throw new AssertionError("no such record among " + seen.size() + " read");
    }

    /** Every record of the next {@code window} that {@code wanted} accepts, as JSON, in the order read. */
    public List<JsonNode> during(Duration window, Predicate<ConsumerRecord<String, String>> wanted) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (wanted.test(record)) {
                    found.add(MAPPER.readTree(record.value()));
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
