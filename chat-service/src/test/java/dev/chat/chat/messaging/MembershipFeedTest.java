package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.ChatFixture;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The membership feed other services learn membership from: each change once it happens, and a one-time fill. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class MembershipFeedTest {

    @Inject
    ChatFixture fixture;
    @Inject
    MembershipFeedFill fill;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void joinsLeavesAndDeletionsGoOnTheFeedKeyedForCompaction() throws Exception {
        Caller owner = fixture.newUser();
        Caller member = fixture.newUser();
        String roomId = fixture.createRoom(owner, "public", null);
        fixture.join(member, roomId);
        List<ConsumerRecord<String, String>> feed = readFeed(roomId, 2);
        JsonNode first = mapper.readTree(feed.get(0).value());
        assertEquals(roomId + "/" + owner.userId(), feed.get(0).key());
        assertEquals("owner", first.path("role").asText());
        assertEquals("joined", first.path("event").asText());
        assertEquals(roomId + "/" + member.userId(), feed.get(1).key());
        assertEquals("member", mapper.readTree(feed.get(1).value()).path("role").asText());
    }

    @Test
    void theFillSendsEveryExistingMembershipOnceAndMarksItDone() throws Exception {
        Caller owner = fixture.newUser();
        String roomId = fixture.createRoom(owner, "private", "pw-" + UUID.randomUUID());
        pool.query("delete from feeds").execute().await().atMost(Duration.ofSeconds(10));
        int sent = fill.fill().await().atMost(Duration.ofSeconds(60));
        assertTrue(sent >= 1, "at least the new room's owner");
        assertEquals(0, fill.fill().await().atMost(Duration.ofSeconds(10)), "filled once only");
        List<ConsumerRecord<String, String>> feed = readFeed(roomId, 2);
        assertEquals(feed.get(0).key(), feed.get(1).key(), "the owner's join, then the fill's copy of it");
    }

    /** The feed's records about one room, waiting until there are at least {@code count}. */
    private List<ConsumerRecord<String, String>> readFeed(String roomId, int count) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "feed-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(List.of(Topics.CHAT_MEMBERSHIPS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(roomId)) {
                        found.add(record);
                    }
                }
            }
        }
        assertTrue(found.size() >= count, "the feed has " + found.size() + " records of room " + roomId);
        return found;
    }
}
