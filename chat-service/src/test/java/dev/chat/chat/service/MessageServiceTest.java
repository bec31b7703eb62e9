package dev.chat.chat.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Sending (one at a time and in batches) and reading history, against the real chat database and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class MessageServiceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MessageService messages;

    @Inject
    MembershipService membership;

    @Inject
    ChatFixture chat;

    @Test
    void concurrentSendsGetGaplessSeqs() {
        Caller owner = chat.newUser();
        String roomId = chat.createQuietRoom(owner);
        // Four senders: one alone would pass the per-user send budget.
        List<Caller> senders = List.of(owner, chat.newUser(), chat.newUser(), chat.newUser());
        senders.forEach(sender -> chat.join(sender, roomId));
        List<Uni<Outcome>> sends = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> messages.send(senders.get(i % 4),
                        chat.json("roomId", roomId, "clientMsgId", "c" + i, "text", "message " + i)))
                .toList();
        List<ServiceReply> replies = chat.results(Uni.join().all(sends).andFailFast());
        Set<Long> seqs = replies.stream().map(r -> r.body().get("seq").asLong()).collect(Collectors.toSet());
        assertEquals(ChatFixture.seqSet(1, 40), seqs);
        assertEquals(ChatFixture.seqList(1, 40), ChatFixture.seqs(chat.history(owner, "roomId", roomId, "limit", 200)));
    }

    @Test
    void aResendWithTheSameClientMsgIdReturnsTheStoredMessage() {
        Caller sender = chat.newUser();
        String roomId = chat.createQuietRoom(sender);
        ServiceReply first = chat.send(sender, roomId, "same", "hello");
        ServiceReply again = chat.send(sender, roomId, "same", "hello, edited");
        assertEquals(201, first.status());
        assertEquals(200, again.status());
        assertEquals(first.body().get("id"), again.body().get("id"));
        assertEquals("hello", again.body().get("text").asText());
        assertEquals(1, chat.history(sender, "roomId", roomId).get("messages").size());
        // Another sender may use the same clientMsgId: it is unique per sender and room.
        Caller other = chat.newUser();
        chat.join(other, roomId);
        assertEquals(2, chat.send(other, roomId, "same", "mine").body().get("seq").asLong());
    }

    @Test
    void nonMembersCanNeitherSendNorRead() {
        Caller owner = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createQuietRoom(owner);
        assertEquals(403, chat.send(stranger, roomId, "x", "hi").status());
        assertEquals("not_a_member", chat.send(stranger, roomId, "x", "hi").body().get("code").asText());
        assertEquals(403, chat.result(messages.history(stranger, chat.json("roomId", roomId))).status());
        assertEquals(404, chat.send(stranger, UuidV7.next().toString(), "x", "hi").status());
    }

    @Test
    void historyPagesBackwardAndForwardBySeq() {
        Caller owner = chat.newUser();
        String roomId = chat.createQuietRoom(owner);
        for (int i = 1; i <= 12; i++) {
            chat.send(owner, roomId, "m" + i, "text " + i);
        }
        JsonNode newest = chat.history(owner, "roomId", roomId, "limit", 5);
        assertEquals(ChatFixture.seqList(8, 12), ChatFixture.seqs(newest));
        assertTrue(newest.get("hasMore").asBoolean());
        JsonNode before = chat.history(owner, "roomId", roomId, "beforeSeq", 8, "limit", 5);
        assertEquals(ChatFixture.seqList(3, 7), ChatFixture.seqs(before));
        JsonNode oldest = chat.history(owner, "roomId", roomId, "beforeSeq", 3, "limit", 5);
        assertEquals(List.of(1L, 2L), ChatFixture.seqs(oldest));
        assertFalse(oldest.get("hasMore").asBoolean());
        JsonNode after = chat.history(owner, "roomId", roomId, "afterSeq", 9);
        assertEquals(List.of(10L, 11L, 12L), ChatFixture.seqs(after));
        assertFalse(after.get("hasMore").asBoolean());
        JsonNode range = chat.history(owner, "roomId", roomId, "afterSeq", 2, "beforeSeq", 6);
        assertEquals(List.of(3L, 4L, 5L), ChatFixture.seqs(range));
    }

    @Test
    void historyByTimeRange() {
        Caller owner = chat.newUser();
        String roomId = chat.createQuietRoom(owner);
        Instant sent = Instant.parse(chat.send(owner, roomId, "a", "before").body().get("createdAt").asText());
        Instant since = laterThan(sent);
        chat.send(owner, roomId, "b", "inside 1");
        Instant inside = Instant.parse(chat.send(owner, roomId, "c", "inside 2").body().get("createdAt").asText());
        Instant until = laterThan(inside);
        chat.send(owner, roomId, "d", "after");
        JsonNode page = chat.history(owner, "roomId", roomId, "since", since.toString(), "until", until.toString());
        assertEquals(List.of(2L, 3L), ChatFixture.seqs(page));
        assertEquals(List.of(2L, 3L, 4L), ChatFixture.seqs(chat.history(owner, "roomId", roomId, "since", since.toString())));
    }

    /** A moment strictly after {@code instant} at millisecond precision, waited for rather than slept. */
    static Instant laterThan(Instant instant) {
        Instant later = instant.plusMillis(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.now().isBefore(later));
        return later;
    }

    @Test
    void aBatchOfSendsIsStoredInOrderWithTheSameRulesAsSingleSends() {
        Caller alice = chat.newUser();
        Caller bob = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createQuietRoom(alice);
        chat.join(bob, roomId);
        assertEquals(201, chat.send(alice, roomId, "before", "stored earlier").status());

        List<MessageService.BatchedSend> batch = List.of(
                new MessageService.BatchedSend(alice, chat.json("roomId", roomId, "clientMsgId", "a1", "text", "one")),
                new MessageService.BatchedSend(bob, chat.json("roomId", roomId, "clientMsgId", "b1", "text", "two")),
                new MessageService.BatchedSend(alice, chat.json("roomId", roomId, "clientMsgId", "a1", "text", "one again")),
                new MessageService.BatchedSend(stranger, chat.json("roomId", roomId, "clientMsgId", "s1", "text", "let me in")),
                new MessageService.BatchedSend(alice, chat.json("roomId", roomId, "clientMsgId", "before", "text", "resent")),
                new MessageService.BatchedSend(bob, chat.json("roomId", roomId, "clientMsgId", "b2", "text", "")),
                new MessageService.BatchedSend(bob, chat.json("roomId", roomId, "clientMsgId", "b3", "text", "three")));
        List<ServiceReply> answers = chat.results(messages.sendBatch(batch));

        assertEquals(List.of(201, 201, 200, 403, 200, 400, 201), answers.stream().map(ServiceReply::status).toList());
        assertEquals(List.of(2L, 3L, 2L), List.of(answers.get(0).body().get("seq").asLong(), answers.get(1).body().get("seq").asLong(),
                answers.get(2).body().get("seq").asLong()), "a clientMsgId twice in a batch is one message");
        assertEquals("one", answers.get(2).body().get("text").asText());
        assertEquals(1L, answers.get(4).body().get("seq").asLong(), "a clientMsgId stored before answers the stored message");
        assertEquals(4L, answers.get(6).body().get("seq").asLong(), "seqs stay gapless around refused sends");

        JsonNode history = chat.history(alice, "roomId", roomId);
        List<String> texts = new ArrayList<>();
        history.get("messages").forEach(m -> texts.add(m.get("seq").asLong() + ":" + m.get("text").asText()));
        assertEquals(List.of("1:stored earlier", "2:one", "3:two", "4:three"), texts);
        // The senders' own messages are read: nothing unread for bob up to his last one.
        ServiceReply members = chat.result(membership.members(alice, chat.json("roomId", roomId)));
        for (JsonNode member : members.body()) {
            if (member.get("id").asText().equals(bob.userId())) {
                assertEquals(4L, member.get("readSeq").asLong());
            }
        }
    }

    @Test
    void aBatchAcrossRoomsKeepsEachRoomsSeqsGapless() {
        Caller alice = chat.newUser();
        String first = chat.createQuietRoom(alice);
        String second = chat.createQuietRoom(alice);
        String missing = UuidV7.next().toString();
        assertEquals(201, chat.send(alice, second, "earlier", "already here").status());
        List<ServiceReply> answers = chat.results(messages.sendBatch(List.of(
                new MessageService.BatchedSend(alice, chat.json("roomId", first, "clientMsgId", "f1", "text", "a")),
                new MessageService.BatchedSend(alice, chat.json("roomId", second, "clientMsgId", "s1", "text", "b")),
                new MessageService.BatchedSend(alice, chat.json("roomId", missing, "clientMsgId", "x", "text", "nowhere")),
                new MessageService.BatchedSend(alice, chat.json("roomId", first, "clientMsgId", "f2", "text", "c")),
                new MessageService.BatchedSend(alice, chat.json("roomId", second, "clientMsgId", "s2", "text", "d")))));
        assertEquals(List.of(201, 201, 404, 201, 201), answers.stream().map(ServiceReply::status).toList());
        assertEquals(List.of(1L, 2L, 2L, 3L), List.of(answers.get(0).body().get("seq").asLong(), answers.get(1).body().get("seq").asLong(),
                answers.get(3).body().get("seq").asLong(), answers.get(4).body().get("seq").asLong()));
        assertEquals(second, answers.get(4).body().get("roomId").asText());
    }
    @Test
    void aNulInABatchRefusesThatSendAndStoresTheOthers() {
        Caller alice = chat.newUser();
        Caller bob = chat.newUser();
        String roomId = chat.createQuietRoom(alice);
        chat.join(bob, roomId);
        List<ServiceReply> answers = chat.results(messages.sendBatch(List.of(
                new MessageService.BatchedSend(alice, chat.json("roomId", roomId, "clientMsgId", "a1", "text", "hello")),
                new MessageService.BatchedSend(bob, chat.json("roomId", roomId, "clientMsgId", "b1", "text", "nul \u0000 inside")),
                new MessageService.BatchedSend(bob, chat.json("roomId", roomId, "clientMsgId", "b2", "text", "\u202Eevil\u202C twin")),
                new MessageService.BatchedSend(alice, chat.json("roomId", roomId, "clientMsgId", "a2", "text", "one\n\ttwo")))));
        assertEquals(List.of(201, 400, 201, 201), answers.stream().map(ServiceReply::status).toList());
        assertEquals("validation_failed", answers.get(1).body().get("code").asText());
        assertEquals("text", answers.get(1).body().get("errors").get(0).get("field").asText());
        List<String> texts = new ArrayList<>();
        chat.history(alice, "roomId", roomId).get("messages").forEach(m -> texts.add(m.get("text").asText()));
        assertEquals(List.of("hello", "evil twin", "one\n\ttwo"), texts);
    }

    @Test
    void aHistoryPageFitsInOneKafkaRecordAndPagingReachesEveryMessage() throws Exception {
        Caller owner = chat.newUser();
        String roomId = chat.createQuietRoom(owner);
        List<Caller> senders = List.of(owner, chat.newUser(), chat.newUser(), chat.newUser(), chat.newUser());
        senders.forEach(sender -> chat.join(sender, roomId));
        // Fifty of the longest texts in 4-byte characters: 800 kB together, more than fits in a reply record.
        String wall = "\uD83D\uDE00".repeat(4000);
        for (int i = 1; i <= 50; i++) {
            assertEquals(201, chat.send(senders.get(i % senders.size()), roomId, "w" + i, wall).status());
        }
        JsonNode newest = chat.history(owner, "roomId", roomId, "limit", 200);
        List<Long> page = ChatFixture.seqs(newest);
        // As the reply record holds it: JSON written as a string, in UTF-8.
        assertTrue(MAPPER.writeValueAsString(newest).getBytes(StandardCharsets.UTF_8).length <= 512 * 1024, "within the budget");
        assertTrue(newest.get("hasMore").asBoolean());
        assertTrue(page.size() > 25 && page.size() < 50, "a page of " + page.size() + " messages of 16 kB");
        assertEquals(ChatFixture.seqList(51 - page.size(), 50), page, "the newest messages, in seq order");

        List<Long> backward = new ArrayList<>(page);
        JsonNode older = newest;
        while (older.get("hasMore").asBoolean()) {
            older = chat.history(owner, "roomId", roomId, "beforeSeq", ChatFixture.seqs(older).get(0), "limit", 200);
            backward.addAll(0, ChatFixture.seqs(older));
        }
        assertEquals(ChatFixture.seqList(1, 50), backward, "scrolling back reaches the first message");

        List<Long> forward = new ArrayList<>();
        JsonNode next = chat.history(owner, "roomId", roomId, "afterSeq", 0, "limit", 200);
        forward.addAll(ChatFixture.seqs(next));
        while (next.get("hasMore").asBoolean()) {
            next = chat.history(owner, "roomId", roomId, "afterSeq", forward.get(forward.size() - 1), "limit", 200);
            forward.addAll(ChatFixture.seqs(next));
        }
        assertEquals(ChatFixture.seqList(1, 50), forward, "catching up reaches the newest message");
    }

    @Test
    void sendsPastTheUsersBudgetAreRateLimitedOneByOneEvenInABatch() {
        Caller fast = chat.newUser();
        Caller calm = chat.newUser();
        String roomId = chat.createQuietRoom(fast);
        chat.join(calm, roomId);
        for (int i = 1; i <= 15; i++) {
            assertEquals(201, chat.send(fast, roomId, "f" + i, "quick " + i).status());
        }
        List<MessageService.BatchedSend> batch = new ArrayList<>();
        for (int i = 16; i <= 25; i++) {
            batch.add(new MessageService.BatchedSend(fast, chat.json("roomId", roomId, "clientMsgId", "f" + i, "text", "quick " + i)));
        }
        batch.add(new MessageService.BatchedSend(calm, chat.json("roomId", roomId, "clientMsgId", "c1", "text", "calm")));
        List<ServiceReply> answers = chat.results(messages.sendBatch(batch));
        assertEquals(List.of(201, 201, 201, 201, 201, 429, 429, 429, 429, 429, 201),
                answers.stream().map(ServiceReply::status).toList());
        assertEquals("rate_limited", answers.get(5).body().get("code").asText());
        assertEquals(429, chat.send(fast, roomId, "f26", "one more").status());
        assertEquals(201, chat.send(calm, roomId, "c2", "still fine").status(), "the budget is each user's own");
    }
}
