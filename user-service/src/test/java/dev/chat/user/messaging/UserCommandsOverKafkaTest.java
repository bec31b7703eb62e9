package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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

import dev.chat.contracts.Claims;
import dev.chat.contracts.CommandSignature;
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

    /** Signed as a gateway signs (CommandSignature), with the secret the service under test was given. */
    private static final CommandSignature SIGNATURE =
            CommandSignature.fromSecrets(List.of(RealInfrastructureResource.shared().commandSigningSecret()));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void registerIsAnsweredOnTheReplyPartitionAndAnnounced() throws Exception {
        String bootstrap = RealInfrastructureResource.shared().kafkaBootstrapServers();
        String username = "k" + UUID.randomUUID().toString().substring(0, 8);
        String correlationId = UUID.randomUUID().toString();
        TopicPartition replyPartition = new TopicPartition(Topics.USER_REPLIES, 2);
        TopicPartition[] eventPartitions = IntStream.range(0, 8)
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
            record.headers().add("REPLY_PARTITION", ByteBuffer.allocate(4).putInt(2).array());
            record.headers().add(CommandSignature.HEADER, SIGNATURE.sign(command));
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

    /**
     * The whole path of a login on the service's own Kafka consumer thread and context: Redis (throttle), Hibernate
     * Reactive (the account, the new session), bcrypt on a worker and back; then the caller's own profile.
     */
    @Test
    void loginAndMeAreAnsweredOverKafka() throws Exception {
        String bootstrap = RealInfrastructureResource.shared().kafkaBootstrapServers();
        String username = "k" + UUID.randomUUID().toString().substring(0, 8);
        TopicPartition replyPartition = new TopicPartition(Topics.USER_REPLIES, 1);
        try (var replies = consumer(bootstrap); var producer = producer(bootstrap)) {
            replies.assign(List.of(replyPartition));
            replies.seekToEnd(List.of(replyPartition));
            replies.position(replyPartition);

            JsonNode registered = call(producer, replies, replyPartition, username, "{\"op\":\"auth.register\",\"body\":{\"username\":\""
                    + username + "\",\"password\":\"correct horse\",\"email\":\"k@example.org\"}}");
            assertEquals(201, registered.get("status").asInt());
            String userId = registered.get("body").get("id").asText();

            JsonNode loggedIn = call(producer, replies, replyPartition, username, "{\"op\":\"auth.login\",\"body\":{\"username\":\""
                    + username + "\",\"password\":\"correct horse\"}}");
            assertEquals(200, loggedIn.get("status").asInt(), loggedIn.toString());
            String accessToken = loggedIn.get("body").get("accessToken").asText();
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
            String sessionId = claims.get(Claims.SESSION_ID).asText();

            String caller = "{\"userId\":\"" + userId + "\",\"username\":\"" + username + "\",\"sessionId\":\"" + sessionId + "\"}";
            JsonNode me = call(producer, replies, replyPartition, userId, "{\"op\":\"users.me\",\"caller\":" + caller + "}");
            assertEquals(200, me.get("status").asInt(), me.toString());
            assertEquals("k@example.org", me.get("body").get("email").asText());

            JsonNode anonymous = call(producer, replies, replyPartition, userId, "{\"op\":\"users.me\"}");
            assertEquals(401, anonymous.get("status").asInt());

            JsonNode loggedOut = call(producer, replies, replyPartition, userId, "{\"op\":\"auth.logout\",\"caller\":" + caller + "}");
            assertEquals(204, loggedOut.get("status").asInt(), loggedOut.toString());
        }
    }

    private static JsonNode call(KafkaProducer<String, String> producer, KafkaConsumer<String, String> replies,
            TopicPartition replyPartition, String key, String command) throws Exception {
        String correlationId = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USER_COMMANDS, key, command);
        record.headers().add("REPLY_CORRELATION_ID", correlationId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("REPLY_TOPIC", Topics.USER_REPLIES.getBytes(StandardCharsets.UTF_8));
        record.headers().add("REPLY_PARTITION", ByteBuffer.allocate(4).putInt(replyPartition.partition()).array());
        record.headers().add(CommandSignature.HEADER, SIGNATURE.sign(command));
        producer.send(record).get();
        ConsumerRecord<String, String> reply = pollFor(replies, r -> correlationId.equals(
                new String(r.headers().lastHeader("REPLY_CORRELATION_ID").value(), StandardCharsets.UTF_8)));
        return MAPPER.readTree(reply.value());
    }

    private static ConsumerRecord<String, String> pollFor(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> wanted) {
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
