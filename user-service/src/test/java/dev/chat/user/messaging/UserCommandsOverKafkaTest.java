package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The wire contract with the gateways: a command carrying request-reply headers is answered on the named
 * reply partition with the same correlation id, and registering publishes a user event.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class UserCommandsOverKafkaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void registerIsAnsweredOnTheReplyPartitionAndAnnounced() throws Exception {
        String bootstrap = RealInfrastructureResource.shared().kafkaBootstrapServers();
        String username = "k" + UUID.randomUUID().toString().substring(0, 8);
        String correlationId = UUID.randomUUID().toString();
        TopicPartition replyPartition = new TopicPartition(Topics.USER_REPLIES, 2);
        TopicPartition[] eventPartitions = java.util.stream.IntStream.range(0, 8)
                .mapToObj(p -> new TopicPartition(Topics.USER_EVENTS, p)).toArray(TopicPartition[]::new);

        try (var replies = consumer(bootstrap); var events = consumer(bootstrap); var producer = producer(bootstrap)) {
            replies.assign(List.of(replyPartition));
            replies.seekToEnd(List.of(replyPartition));
            replies.position(replyPartition);
            events.assign(List.of(eventPartitions));
            events.seekToEnd(List.of(eventPartitions));
            for (TopicPartition p : eventPartitions) {
                events.position(p);
            }

            String command = "{\"op\":\"auth.register\",\"body\":{\"username\":\"" + username
                    + "\",\"password\":\"correct horse\",\"email\":\"k@example.org\"}}";
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USER_COMMANDS, username, command);
            record.headers().add("REPLY_CORRELATION_ID", correlationId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("REPLY_TOPIC", Topics.USER_REPLIES.getBytes(StandardCharsets.UTF_8));
            record.headers().add("REPLY_PARTITION", java.nio.ByteBuffer.allocate(4).putInt(2).array());
            producer.send(record).get();

            ConsumerRecord<String, String> reply = pollFor(replies, r -> correlationId.equals(
                    new String(r.headers().lastHeader("REPLY_CORRELATION_ID").value(), StandardCharsets.UTF_8)));
            JsonNode answer = MAPPER.readTree(reply.value());
            assertEquals(201, answer.get("status").asInt());
            String userId = answer.get("body").get("id").asText();

            ConsumerRecord<String, String> event = pollFor(events, r -> userId.equals(r.key()));
            JsonNode fact = MAPPER.readTree(event.value());
            assertEquals("registered", fact.get("type").asText());
            assertEquals(username, fact.get("username").asText());
            assertNotNull(fact.get("createdAt").asText());
        }
    }

    private static ConsumerRecord<String, String> pollFor(KafkaConsumer<String, String> consumer,
            java.util.function.Predicate<ConsumerRecord<String, String>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record within 30 s");
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer());
    }
}
