package dev.chat.chat.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.chat.domain.Room;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UuidV7;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Rooms and messages against the real chat database and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class ChatServiceTest {

    @Inject
    RoomService rooms;

    @Inject
    MessageService messages;

    @Inject
    UserDirectory users;

    @Inject
    ObjectMapper mapper;

    static ServiceReply result(Uni<ServiceReply> reply) {
        return reply.await().atMost(Duration.ofSeconds(30));
    }

    Caller newUser() {
        UUID id = UuidV7.next();
        String name = "u" + id.toString().substring(24);
        users.ensureKnown(id, name, Instant.now()).await().atMost(Duration.ofSeconds(10));
        return new Caller(id.toString(), name, UUID.randomUUID().toString());
    }

    ObjectNode json(Object... pairs) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], mapper.valueToTree(pairs[i + 1]));
        }
        return node;
    }

    String createRoom(Caller owner, String visibility, String password) {
        ObjectNode body = json("name", "room " + UUID.randomUUID().toString().substring(0, 8), "visibility", visibility);
        if (password != null) {
            body.put("password", password);
        }
        ServiceReply reply = result(rooms.create(owner, body));
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body().get("id").asText();
    }

    ServiceReply send(Caller sender, String roomId, String clientMsgId, String text) {
        return result(messages.send(sender, json("roomId", roomId, "clientMsgId", clientMsgId, "text", text)));
    }

    JsonNode history(Caller caller, Object... params) {
        ServiceReply reply = result(messages.history(caller, json(params)));
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.body();
    }

    static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
        return seqs;
    }

    @Test
    void concurrentSendsGetGaplessSeqs() {
        Caller owner = newUser();
        String roomId = createRoom(owner, "public", null);
        List<Uni<ServiceReply>> sends = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> messages.send(owner, json("roomId", roomId, "clientMsgId", "c" + i, "text", "message " + i)))
                .toList();
        List<ServiceReply> replies = Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(60));
        Set<Long> seqs = replies.stream().map(r -> r.body().get("seq").asLong()).collect(Collectors.toSet());
        assertEquals(LongRangeSet.of(1, 40), seqs);
        assertEquals(LongRangeSet.ofList(1, 40), seqs(history(owner, "roomId", roomId, "limit", 200)));
    }

    @Test
    void aResendWithTheSameClientMsgIdReturnsTheStoredMessage() {
        Caller sender = newUser();
        String roomId = createRoom(sender, "public", null);
        ServiceReply first = send(sender, roomId, "same", "hello");
        ServiceReply again = send(sender, roomId, "same", "hello, edited");
        assertEquals(201, first.status());
        assertEquals(200, again.status());
        assertEquals(first.body().get("id"), again.body().get("id"));
        assertEquals("hello", again.body().get("text").asText());
        assertEquals(1, history(sender, "roomId", roomId).get("messages").size());
        // Another sender may use the same clientMsgId: it is unique per sender and room.
        Caller other = newUser();
        result(rooms.join(other, json("roomId", roomId)));
        assertEquals(2, send(other, roomId, "same", "mine").body().get("seq").asLong());
    }

    @Test
    void nonMembersCanNeitherSendNorRead() {
        Caller owner = newUser();
        Caller stranger = newUser();
        String roomId = createRoom(owner, "public", null);
        assertEquals(403, send(stranger, roomId, "x", "hi").status());
        assertEquals("not_a_member", send(stranger, roomId, "x", "hi").body().get("code").asText());
        assertEquals(403, result(messages.history(stranger, json("roomId", roomId))).status());
        assertEquals(404, send(stranger, UuidV7.next().toString(), "x", "hi").status());
    }

    @Test
    void historyPagesBackwardAndForwardBySeq() {
        Caller owner = newUser();
        String roomId = createRoom(owner, "public", null);
        for (int i = 1; i <= 12; i++) {
            send(owner, roomId, "m" + i, "text " + i);
        }
        JsonNode newest = history(owner, "roomId", roomId, "limit", 5);
        assertEquals(LongRangeSet.ofList(8, 12), seqs(newest));
        assertTrue(newest.get("hasMore").asBoolean());
        JsonNode before = history(owner, "roomId", roomId, "beforeSeq", 8, "limit", 5);
        assertEquals(LongRangeSet.ofList(3, 7), seqs(before));
        JsonNode oldest = history(owner, "roomId", roomId, "beforeSeq", 3, "limit", 5);
        assertEquals(List.of(1L, 2L), seqs(oldest));
        assertFalse(oldest.get("hasMore").asBoolean());
        JsonNode after = history(owner, "roomId", roomId, "afterSeq", 9);
        assertEquals(List.of(10L, 11L, 12L), seqs(after));
        assertFalse(after.get("hasMore").asBoolean());
        JsonNode range = history(owner, "roomId", roomId, "afterSeq", 2, "beforeSeq", 6);
        assertEquals(List.of(3L, 4L, 5L), seqs(range));
    }

    @Test
    void historyByTimeRange() {
        Caller owner = newUser();
        String roomId = createRoom(owner, "public", null);
        Instant sent = Instant.parse(send(owner, roomId, "a", "before").body().get("createdAt").asText());
        Instant since = laterThan(sent);
        send(owner, roomId, "b", "inside 1");
        Instant inside = Instant.parse(send(owner, roomId, "c", "inside 2").body().get("createdAt").asText());
        Instant until = laterThan(inside);
        send(owner, roomId, "d", "after");
        JsonNode page = history(owner, "roomId", roomId, "since", since.toString(), "until", until.toString());
        assertEquals(List.of(2L, 3L), seqs(page));
        assertEquals(List.of(2L, 3L, 4L), seqs(history(owner, "roomId", roomId, "since", since.toString())));
    }

    /** A moment strictly after {@code instant} at millisecond precision, waited for rather than slept. */
    static Instant laterThan(Instant instant) {
        Instant later = instant.plusMillis(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.now().isBefore(later));
        return later;
    }

    @Test
    void unreadCountsOthersMessagesAfterTheReadMarkerWhichNeverMovesBack() {
        Caller alice = newUser();
        Caller bob = newUser();
        String roomId = createRoom(alice, "public", null);
        result(rooms.join(bob, json("roomId", roomId)));
        send(alice, roomId, "a1", "one");
        send(alice, roomId, "a2", "two");
        send(bob, roomId, "b1", "three");
        send(alice, roomId, "a3", "four");
        assertEquals(1, unread(bob, roomId), "bob's own message moved his marker to 3; one after it");
        assertEquals(0, unread(alice, roomId), "her own message at 4 moved her marker past bob's 3");
        assertEquals(204, result(rooms.read(bob, json("roomId", roomId, "seq", 4))).status());
        assertEquals(0, unread(bob, roomId));
        result(rooms.read(bob, json("roomId", roomId, "seq", 1)));
        assertEquals(0, unread(bob, roomId), "the marker never moves back");
        assertEquals(400, result(rooms.read(bob, json("roomId", roomId, "seq", -1))).status());
    }

    long unread(Caller caller, String roomId) {
        for (JsonNode room : result(rooms.list(caller, json("scope", "mine"))).body()) {
            if (room.get("id").asText().equals(roomId)) {
                return room.get("unread").asLong();
            }
        }
        throw new AssertionError("room not listed");
    }

    @Test
    void channelNamesAreUniqueInAnyCase() {
        Caller owner = newUser();
        String name = "Unique " + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, result(rooms.create(owner, json("name", name, "visibility", "public"))).status());
        ServiceReply clash = result(rooms.create(owner, json("name", name.toUpperCase(), "visibility", "private")));
        assertEquals(409, clash.status());
        assertEquals("room_name_taken", clash.body().get("code").asText());
    }

    @Test
    void aDirectRoomIsTheSameEveryTimeFromEitherSide() {
        Caller alice = newUser();
        Caller bob = newUser();
        ServiceReply first = result(rooms.openDirect(alice, json("userId", bob.userId())));
        ServiceReply second = result(rooms.openDirect(bob, json("userId", alice.userId())));
        assertEquals(201, first.status());
        assertEquals(200, second.status());
        assertEquals(first.body().get("id"), second.body().get("id"));
        assertEquals(bob.username(), first.body().get("name").asText());
        assertEquals(alice.username(), second.body().get("name").asText());
        assertEquals(400, result(rooms.openDirect(alice, json("userId", alice.userId()))).status());
        assertEquals(404, result(rooms.openDirect(alice, json("userId", UuidV7.next().toString()))).status());
    }

    @Test
    void privateRoomsNeedThePasswordOrAnApproval() {
        Caller owner = newUser();
        Caller guest = newUser();
        String roomId = createRoom(owner, "private", "sesame");
        assertEquals(403, result(rooms.join(guest, json("roomId", roomId, "password", "wrong"))).status());
        assertEquals(202, result(rooms.join(guest, json("roomId", roomId))).status());
        assertEquals(403, result(rooms.members(guest, json("roomId", roomId))).status());
        assertEquals(200, result(rooms.join(guest, json("roomId", roomId, "password", "sesame"))).status());
        assertEquals(2, result(rooms.members(guest, json("roomId", roomId))).body().size());
    }

    @Test
    void theOwnerSettlesJoinRequestsAndRemovesMembers() {
        Caller owner = newUser();
        Caller asker = newUser();
        Caller declined = newUser();
        String roomId = createRoom(owner, "private", null);
        assertEquals(202, result(rooms.join(asker, json("roomId", roomId))).status());
        assertEquals(202, result(rooms.join(declined, json("roomId", roomId))).status());

        ServiceReply listed = result(rooms.joinRequests(owner, json("roomId", roomId)));
        assertEquals(200, listed.status());
        assertEquals(2, listed.body().size());
        assertEquals(asker.username(), listed.body().get(0).get("username").asText());
        assertEquals(403, result(rooms.joinRequests(asker, json("roomId", roomId))).status(), "not a member yet");
        assertEquals(403, result(rooms.decideJoinRequest(declined, json("roomId", roomId, "userId", asker.userId()), true)).status());

        assertEquals(204, result(rooms.decideJoinRequest(owner, json("roomId", roomId, "userId", asker.userId()), true)).status());
        assertEquals(201, send(asker, roomId, "in", "thanks").status());
        assertEquals(403, result(rooms.decideJoinRequest(asker, json("roomId", roomId, "userId", declined.userId()), true)).status(),
                "a member who is not the owner cannot approve");
        assertEquals(204, result(rooms.decideJoinRequest(owner, json("roomId", roomId, "userId", declined.userId()), false)).status());
        assertEquals(403, send(declined, roomId, "x", "let me in").status());
        assertEquals(404, result(rooms.decideJoinRequest(owner, json("roomId", roomId, "userId", declined.userId()), true)).status(),
                "a settled request is gone");

        assertEquals(403, result(rooms.removeMember(asker, json("roomId", roomId, "userId", owner.userId()))).status());
        assertEquals(204, result(rooms.removeMember(owner, json("roomId", roomId, "userId", asker.userId()))).status());
        assertEquals(403, send(asker, roomId, "out", "still here?").status());
        assertEquals(403, result(messages.history(asker, json("roomId", roomId))).status());
        assertEquals(404, result(rooms.removeMember(owner, json("roomId", roomId, "userId", asker.userId()))).status());
    }

    @Test
    void ownersDeleteAndMembersLeave() {
        Caller owner = newUser();
        Caller member = newUser();
        String roomId = createRoom(owner, "public", null);
        result(rooms.join(member, json("roomId", roomId)));
        assertEquals(403, result(rooms.delete(member, json("roomId", roomId))).status());
        assertEquals(409, result(rooms.leave(owner, json("roomId", roomId))).status());
        assertEquals(204, result(rooms.leave(member, json("roomId", roomId))).status());
        assertEquals(403, send(member, roomId, "x", "after leaving").status());
        assertEquals(204, result(rooms.delete(owner, json("roomId", roomId))).status());
        assertEquals(404, result(rooms.get(owner, json("roomId", roomId))).status());
        assertEquals(409, result(rooms.leave(owner, json("roomId", Room.GENERAL_ID.toString()))).status());
    }

    @Test
    void aRegisteredUserOnKafkaBecomesAMemberOfGeneral() throws Exception {
        UUID userId = UuidV7.next();
        String event = "{\"type\":\"registered\",\"userId\":\"" + userId + "\",\"username\":\"evt" + userId.toString().substring(30)
                + "\",\"createdAt\":\"" + Instant.now() + "\"}";
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                RealInfrastructureResource.shared().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, userId.toString(), event)).get();
        }
        Caller someone = newUser();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode members = result(rooms.members(someone, json("roomId", Room.GENERAL_ID.toString()))).body();
            for (JsonNode member : members) {
                if (member.get("id").asText().equals(userId.toString())) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void aBatchOfSendsIsStoredInOrderWithTheSameRulesAsSingleSends() {
        Caller alice = newUser();
        Caller bob = newUser();
        Caller stranger = newUser();
        String roomId = createRoom(alice, "public", null);
        result(rooms.join(bob, json("roomId", roomId)));
        assertEquals(201, send(alice, roomId, "before", "stored earlier").status());

        List<MessageService.BatchedSend> batch = List.of(
                new MessageService.BatchedSend(alice, json("roomId", roomId, "clientMsgId", "a1", "text", "one")),
                new MessageService.BatchedSend(bob, json("roomId", roomId, "clientMsgId", "b1", "text", "two")),
                new MessageService.BatchedSend(alice, json("roomId", roomId, "clientMsgId", "a1", "text", "one again")),
                new MessageService.BatchedSend(stranger, json("roomId", roomId, "clientMsgId", "s1", "text", "let me in")),
                new MessageService.BatchedSend(alice, json("roomId", roomId, "clientMsgId", "before", "text", "resent")),
                new MessageService.BatchedSend(bob, json("roomId", roomId, "clientMsgId", "b2", "text", "")),
                new MessageService.BatchedSend(bob, json("roomId", roomId, "clientMsgId", "b3", "text", "three")));
        List<ServiceReply> answers = messages.sendBatch(batch).await().atMost(Duration.ofSeconds(30));

        assertEquals(List.of(201, 201, 200, 403, 200, 400, 201), answers.stream().map(ServiceReply::status).toList());
        assertEquals(List.of(2L, 3L, 2L), List.of(answers.get(0).body().get("seq").asLong(), answers.get(1).body().get("seq").asLong(),
                answers.get(2).body().get("seq").asLong()), "a clientMsgId twice in a batch is one message");
        assertEquals("one", answers.get(2).body().get("text").asText());
        assertEquals(1L, answers.get(4).body().get("seq").asLong(), "a clientMsgId stored before answers the stored message");
        assertEquals(4L, answers.get(6).body().get("seq").asLong(), "seqs stay gapless around refused sends");

        ServiceReply history = result(messages.history(alice, json("roomId", roomId)));
        List<String> texts = new ArrayList<>();
        history.body().get("messages").forEach(m -> texts.add(m.get("seq").asLong() + ":" + m.get("text").asText()));
        assertEquals(List.of("1:stored earlier", "2:one", "3:two", "4:three"), texts);
        // The senders' own messages are read: nothing unread for bob up to his last one.
        ServiceReply members = result(rooms.members(alice, json("roomId", roomId)));
        for (JsonNode member : members.body()) {
            if (member.get("id").asText().equals(bob.userId())) {
                assertEquals(4L, member.get("readSeq").asLong());
            }
        }
    }

    @Test
    void aBatchAcrossRoomsKeepsEachRoomsSeqsGapless() {
        Caller alice = newUser();
        String first = createRoom(alice, "public", null);
        String second = createRoom(alice, "public", null);
        String missing = UuidV7.next().toString();
        assertEquals(201, send(alice, second, "earlier", "already here").status());
        List<ServiceReply> answers = messages.sendBatch(List.of(
                new MessageService.BatchedSend(alice, json("roomId", first, "clientMsgId", "f1", "text", "a")),
                new MessageService.BatchedSend(alice, json("roomId", second, "clientMsgId", "s1", "text", "b")),
                new MessageService.BatchedSend(alice, json("roomId", missing, "clientMsgId", "x", "text", "nowhere")),
                new MessageService.BatchedSend(alice, json("roomId", first, "clientMsgId", "f2", "text", "c")),
                new MessageService.BatchedSend(alice, json("roomId", second, "clientMsgId", "s2", "text", "d"))))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(201, 201, 404, 201, 201), answers.stream().map(ServiceReply::status).toList());
        assertEquals(List.of(1L, 2L, 2L, 3L), List.of(answers.get(0).body().get("seq").asLong(), answers.get(1).body().get("seq").asLong(),
                answers.get(3).body().get("seq").asLong(), answers.get(4).body().get("seq").asLong()));
        assertEquals(second, answers.get(4).body().get("roomId").asText());
    }

    /** Small helpers for expected seq ranges. */
    static final class LongRangeSet {
        static Set<Long> of(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
        }

        static List<Long> ofList(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
    }
}
