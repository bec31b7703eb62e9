package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.service.AccountOutcome;
import dev.chat.user.service.AccountService;
import dev.chat.user.service.OnVertxContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A "registered" event or a revocation that a crash kept from going out after its commit goes out all the same: the
 * test unmarks them in the database, as a process killed between commit and publish would have left them.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class UserEventRelayTest {

    @Inject
    AccountService accounts;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @Inject
    UserServiceConfig config;
    @Inject
    OutboxDepth depth;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aUserWhoseRegistrationWasNeverAnnouncedIsAnnouncedByTheRelay() throws Exception {
        String name = "r" + UUID.randomUUID().toString().substring(0, 8);
        var created = (AccountOutcome.Created) OnVertxContext.await(() -> accounts.register(body("username", name,
                "password", "correct horse", "email", name + "@example.org")));
        String userId = mapper.valueToTree(created.body()).path("id").asText();
        try (KafkaConsumer<String, String> events = reader(Topics.USER_EVENTS)) {
            sql("update users set announced_at = null where id = $1", UUID.fromString(userId));
            JsonNode event = await(events, userId);
            assertEquals(name, event.path("username").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from users where id = $1 and announced_at is not null", UUID.fromString(userId)) == 1);
    }

    @Test
    void theOutboxDepthGaugesCountAnUnannouncedUserUntilTheRelaySendsIt() throws Exception {
        String name = "d" + UUID.randomUUID().toString().substring(0, 8);
        var created = (AccountOutcome.Created) OnVertxContext.await(() -> accounts.register(body("username", name,
                "password", "correct horse", "email", name + "@example.org")));
        String userId = mapper.valueToTree(created.body()).path("id").asText();
        sql("update users set announced_at = null where id = $1", UUID.fromString(userId));
        depth.measure().await().atMost(Duration.ofSeconds(10));
        assertTrue(metrics.get("chat.users.outbox.pending").tag("kind", "registered").gauge().value() >= 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            depth.measure().await().atMost(Duration.ofSeconds(10));
            return metrics.get("chat.users.outbox.pending").tag("kind", "registered").gauge().value() == 0;
        });
    }

    @Test
    void aRevocationThatNeverWentOutIsSentUntilTheSessionsLastTokenAndTheSkewHavePassed() throws Exception {
        String name = "s" + UUID.randomUUID().toString().substring(0, 8);
        OnVertxContext.await(() -> accounts.register(body("username", name, "password", "correct horse", "email", name + "@example.org")));
        var loggedIn = (AccountOutcome.Ok) OnVertxContext.await(() -> accounts.login(body("username", name, "password", "correct horse")));
        JsonNode tokens = mapper.valueToTree(loggedIn.body());
        String sessionId = sessionOf(tokens.path("user").path("id").asText());
        Instant revokedAt = Instant.now().minusSeconds(2);
        try (KafkaConsumer<String, String> revocations = reader(Topics.AUTH_REVOCATIONS)) {
            // Logged out, and the process died before the revocation was published.
            sql("update sessions set revoked_at = $2, revocation_sent_at = null where id = $1", UUID.fromString(sessionId),
                    OffsetDateTime.ofInstant(revokedAt, ZoneOffset.UTC));
            JsonNode revoked = await(revocations, sessionId);
            Instant until = Instant.parse(revoked.path("until").asText());
            Instant expected = revokedAt.plus(config.accessTokenTtl()).plus(config.tokenClockSkew());
            assertTrue(Math.abs(Duration.between(expected, until).toMillis()) < 1000, until + " vs " + expected);
        }
    }

    private ObjectNode body(String... pairs) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    private String sessionOf(String userId) {
        return pool.preparedQuery("select id from sessions where user_id = $1").execute(Tuple.of(UUID.fromString(userId)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getUUID(0).toString();
    }

    private void sql(String statement, Object... params) {
        pool.preparedQuery(statement).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10));
    }

    private long count(String query, Object... params) {
        return pool.preparedQuery(query).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private KafkaConsumer<String, String> reader(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "relay-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "latest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        var consumer = new KafkaConsumer<String, String>(props);
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private JsonNode await(KafkaConsumer<String, String> consumer, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    return mapper.readTree(record.value());
                }
            }
        }
        throw new AssertionError("nothing keyed " + key + " on the topic");
    }
}
