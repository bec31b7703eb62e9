package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.TopicReader;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Message;
import dev.chat.chat.repository.MessageRepository;
import dev.chat.chat.repository.OutboxRepository;
import dev.chat.chat.service.ChatFixture;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.support.Times;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a process that dies between a commit and its publish leaves behind gets out all the same: the commits are made
 * here without their publish (as a kill -9 at that moment would leave them), and the relay, or a resend, publishes them.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class OutboxTest {

    /** Rounds of the deadlock test: each a batch of sends and two flushes at once, on the same 16 rooms. */
    private static final int ROUNDS = 150;

    @Inject
    ChatFixture chat;
    @Inject
    MessageRepository messages;
    @Inject
    OutboxRepository outbox;
    @Inject
    ChatEventPublisher publisher;
    @Inject
    OutboxDepth depth;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aMessageCommittedButNeverPublishedIsPublishedByTheRelay() throws Exception {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            Message stored = storeWithoutPublishing(owner, roomId, "lost-" + UUID.randomUUID(), "said before the crash");
            JsonNode event = events.await(record -> roomId.equals(record.key()) && record.value().contains(stored.id().toString()));
            assertEquals("message", event.path("type").asText());
            assertEquals(stored.seq(), event.path("seq").asLong());
            assertEquals("said before the crash", event.path("text").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> publishedSeq(roomId) >= 1);
    }

    @Test
    void aResendOfAMessageWhoseEventThisProcessNeverSawAckedIsPublishedAgain() throws Exception {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        String clientMsgId = "resent-" + UUID.randomUUID();
        double before = counter("chat.messages.republished");
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            Message stored = storeWithoutPublishing(owner, roomId, clientMsgId, "sent, then the service died");
            // The client got no ack and sends again: the stored message, and its event out at once (not after the grace).
            assertEquals(200, chat.send(owner, roomId, clientMsgId, "sent, then the service died").status());
            events.await(record -> roomId.equals(record.key()) && record.value().contains(stored.id().toString()));
        }
        assertEquals(before + 1, counter("chat.messages.republished"));
        // Now this process has seen the ack: a further resend publishes nothing new.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> publishedSeq(roomId) >= 1);
        assertEquals(200, chat.send(owner, roomId, clientMsgId, "sent, then the service died").status());
        assertEquals(before + 1, counter("chat.messages.republished"));
    }

    @Test
    void anEventLeftInTheOutboxIsRelayedToBothTopicsAndDeleted() throws Exception {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        UUID room = UUID.fromString(roomId);
        UUID memberId = UUID.fromString(member.userId());
        var left = publisher.pending(room, Frames.left(room, memberId, "someone"));
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS);
                TopicReader feed = new TopicReader(bootstrap, Topics.CHAT_MEMBERSHIPS)) {
            // Committed with its change, and then the process died: the row is all that is left.
            List<Long> ids = pool.withTransaction(tx -> outbox.insert(tx, List.of(left))).await().atMost(Duration.ofSeconds(10));
            JsonNode event = events.await(record -> roomId.equals(record.key()) && record.value().contains("\"left\""));
            assertEquals(member.userId(), event.path("userId").asText());
            feed.await(record -> (roomId + "/" + member.userId()).equals(record.key()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery("select count(*) from outbox where id = $1")
                    .execute(Tuple.of(ids.get(0))).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 0);
        }
    }

    @Test
    void theOutboxDepthGaugesCountWhatWaitsAndFallWhenItIsOut() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        UUID room = UUID.fromString(chat.createRoom(owner, "public", null));
        var left = publisher.pending(room, Frames.left(room, UUID.fromString(member.userId()), "someone"));
        pool.withTransaction(tx -> outbox.insert(tx, List.of(left))).await().atMost(Duration.ofSeconds(10));
        depth.measure().await().atMost(Duration.ofSeconds(10));
        assertTrue(metrics.get("chat.outbox.events.pending").gauge().value() >= 1, "the left-behind event is counted");
        assertTrue(metrics.get("chat.outbox.events.oldest.seconds").gauge().value() >= 0);
        // Relayed after the grace, and then the gauges say so.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            depth.measure().await().atMost(Duration.ofSeconds(10));
            return metrics.get("chat.outbox.events.pending").gauge().value() == 0
                    && metrics.get("chat.outbox.events.oldest.seconds").gauge().value() == 0;
        });
    }

    @Test
    void aChangeLeavesNothingInTheOutboxOnceItsEventsArePublished() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        long waiting = pool.preparedQuery("select count(*) from outbox where room_id = $1").execute(Tuple.of(UUID.fromString(roomId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertEquals(0, waiting, "the creation's and the join's events were published and their rows deleted");
    }

    /**
     * A batch of sends bumps its rooms' seqs while the watermark's flush moves the same rooms' published_seq. Both lock
     * the rooms' rows, and in opposite orders they deadlocked: PostgreSQL broke it after a second (deadlock_timeout),
     * with every send of the partition waiting meanwhile (seen in S1 runs of the benchmark). Both take them in id order.
     */
    @Test
    void sendBatchesAndWatermarkFlushesOnTheSameRoomsNeverDeadlock() {
        List<UUID> rooms = new ArrayList<>();
        Map<UUID, Message.Sender> owners = new LinkedHashMap<>();
        for (int owner = 0; owner < 2; owner++) {
            // Two owners: one may create only so many rooms an hour.
            Caller caller = chat.newUser();
            for (int i = 0; i < 8; i++) {
                UUID room = UUID.fromString(chat.createRoom(caller, "public", null));
                rooms.add(room);
                owners.put(room, new Message.Sender(UUID.fromString(caller.userId()), caller.username()));
            }
        }
        Random random = new Random(17);
        for (int round = 1; round <= ROUNDS; round++) {
            // Each statement meets the rooms in its own order, as a batch's and a flush's hash maps do.
            Collections.shuffle(rooms, random);
            List<MessageRepository.PendingSend> batch = new ArrayList<>();
            for (UUID room : rooms) {
                batch.add(new MessageRepository.PendingSend(room, owners.get(room), "deadlock-" + round + "-" + room, "x"));
            }
            Collections.shuffle(rooms, random);
            Map<UUID, Long> watermark = new LinkedHashMap<>();
            for (UUID room : rooms) {
                watermark.put(room, (long) round);
            }
            var both = Uni.combine().all().unis(messages.sendBatch(batch, Times.now()), outbox.advancePublished(watermark),
                    outbox.advancePublished(watermark)).asTuple();
            assertEquals(rooms.size(), both.await().atMost(Duration.ofSeconds(10)).getItem1().size(), "round " + round);
        }
        assertEquals(ROUNDS, publishedSeq(rooms.get(0).toString()));
    }

    private Message storeWithoutPublishing(Caller sender, String roomId, String clientMsgId, String text) {
        var outcome = messages.send(UUID.fromString(roomId), new Message.Sender(UUID.fromString(sender.userId()), sender.username()),
                text, clientMsgId, Times.now()).await().atMost(Duration.ofSeconds(10));
        assertTrue(outcome instanceof MessageRepository.SendOutcome.Created, outcome.toString());
        return ((MessageRepository.SendOutcome.Created) outcome).message();
    }

    private long publishedSeq(String roomId) {
        return pool.preparedQuery("select published_seq from rooms where id = $1").execute(Tuple.of(UUID.fromString(roomId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private double counter(String name) {
        var counter = metrics.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
