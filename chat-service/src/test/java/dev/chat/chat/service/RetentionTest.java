package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.TopicReader;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Retention: the background eviction by count and by age, what history says of it, and unread counts after it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class RetentionTest {

    @Inject
    ChannelService channels;

    @Inject
    ReactionService reactions;

    @Inject
    ChatFixture chat;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private long lastSeq(Caller caller, String roomId) {
        return chat.result(channels.get(caller, chat.json("roomId", roomId))).body().get("lastSeq").asLong();
    }

    @Test
    void aRoomKeepsItsNewestMaxMessagesAndHistorySaysWhereItsEvictionStopped() throws Exception {
        Caller owner = chat.newUser();
        Caller reader = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(reader, roomId);
        long first = chat.send(owner, roomId, "m0", "oldest").body().get("seq").asLong();
        reactions.react(owner, chat.json("roomId", roomId, "seq", first, "emoji", "👍")).await().atMost(Duration.ofSeconds(10));
        for (int i = 1; i < 15; i++) {
            chat.send(owner, roomId, "m" + i, "message " + i);
        }
        JsonNode page;
        long last;
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            assertEquals(200, chat.result(channels.update(owner, chat.json("roomId", roomId, "retention", chat.json("maxMessages", 10))))
                    .status());
            last = lastSeq(owner, roomId);
            page = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> chat.history(reader, "roomId", roomId, "limit", 200), p -> p.get("messages").size() == 10);
            JsonNode evicted = events.await(record -> roomId.equals(record.key()) && record.value().contains("\"evicted\"")
                    && record.value().contains("\"evictedBefore\":" + (last - 9)));
            assertEquals("room", evicted.get("type").asText(), "members hear where the room now starts");
        }
        assertEquals(last - 9, page.get("evictedBefore").asLong(), "the lowest seq kept");
        assertEquals(last - 9, page.get("messages").get(0).get("seq").asLong());
        assertFalse(page.get("hasMore").asBoolean(), "nothing to read below it");
        JsonNode after = chat.history(reader, "roomId", roomId, "afterSeq", 0);
        assertEquals(last - 9, after.get("messages").get(0).get("seq").asLong(), "a read from before the gap starts at the kept");
        assertEquals(9, chat.unread(reader, roomId), "evicted messages are not unread (the 10th kept is the owner's line)");
        long reactionsLeft = pool.preparedQuery("select count(*) as n from message_reactions where room_id = $1")
                .execute(Tuple.of(UUID.fromString(roomId))).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertEquals(0, reactionsLeft, "reactions go with their messages");
    }

    @Test
    void aRoomForgetsMessagesOlderThanItsMaxAge() {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        for (int i = 0; i < 6; i++) {
            chat.send(owner, roomId, "a" + i, "message " + i);
        }
        // Three of them as if sent three days ago: the database's own clock is what eviction compares with.
        pool.preparedQuery("update messages set created_at = now() - interval '3 days' where room_id = $1 and seq <= 3")
                .execute(Tuple.of(UUID.fromString(roomId))).await().atMost(Duration.ofSeconds(10));
        chat.result(channels.update(owner, chat.json("roomId", roomId, "retention", chat.json("maxAgeDays", 2))));

        // Eviction stops at what went out on Kafka (the published seq, written every second), so it may come in steps.
        JsonNode page = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> chat.history(owner, "roomId", roomId), p -> p.path("evictedBefore").asLong() >= 4);
        assertEquals(4, page.get("evictedBefore").asLong(), "the three old ones, and not one more");
        assertEquals(4, page.get("messages").get(0).get("seq").asLong());
    }
}
