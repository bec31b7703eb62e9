package dev.chat.chat.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.Room;
import dev.chat.contracts.Topics;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Joining, leaving, join requests and removal, against the real chat database and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class MembershipServiceTest {

    @Inject
    MembershipService membership;

    @Inject
    ChatFixture chat;

    ServiceReply call(Uni<Outcome> outcome) {
        return chat.result(outcome);
    }

    ServiceReply decide(Caller owner, String roomId, Caller asker, boolean approve) {
        return call(membership.decideJoinRequest(owner, chat.json("roomId", roomId, "userId", asker.userId()), approve));
    }

    @Test
    void privateRoomsNeedThePasswordOrAnApproval() {
        Caller owner = chat.newUser();
        Caller guest = chat.newUser();
        String roomId = chat.createRoom(owner, "private", "sesame");
        assertEquals(403, call(membership.join(guest, chat.json("roomId", roomId, "password", "wrong"))).status());
        assertEquals(202, call(membership.join(guest, chat.json("roomId", roomId))).status());
        assertEquals(403, call(membership.members(guest, chat.json("roomId", roomId))).status());
        assertEquals(200, call(membership.join(guest, chat.json("roomId", roomId, "password", "sesame"))).status());
        assertEquals(2, call(membership.members(guest, chat.json("roomId", roomId))).body().size());
    }

    @Test
    void theOwnerSettlesJoinRequestsAndRemovesMembers() {
        Caller owner = chat.newUser();
        Caller asker = chat.newUser();
        Caller declined = chat.newUser();
        String roomId = chat.createRoom(owner, "private", null);
        assertEquals(202, chat.join(asker, roomId).status());
        assertEquals(202, chat.join(declined, roomId).status());

        ServiceReply listed = call(membership.joinRequests(owner, chat.json("roomId", roomId)));
        assertEquals(200, listed.status());
        assertEquals(2, listed.body().size());
        assertEquals(asker.username(), listed.body().get(0).get("username").asText());
        assertEquals(403, call(membership.joinRequests(asker, chat.json("roomId", roomId))).status(), "not a member yet");
        assertEquals(403, decide(declined, roomId, asker, true).status());

        assertEquals(204, decide(owner, roomId, asker, true).status());
        assertEquals(201, chat.send(asker, roomId, "in", "thanks").status());
        assertEquals(403, decide(asker, roomId, declined, true).status(),
                "a member who is not the owner cannot approve");
        assertEquals(204, decide(owner, roomId, declined, false).status());
        assertEquals(403, chat.send(declined, roomId, "x", "let me in").status());
        assertEquals(404, decide(owner, roomId, declined, true).status(),
                "a settled request is gone");

        assertEquals(403, call(membership.removeMember(asker, chat.json("roomId", roomId, "userId", owner.userId()))).status());
        assertEquals(400, call(membership.removeMember(owner, chat.json("roomId", roomId, "userId", owner.userId()))).status());
        assertEquals(204, call(membership.removeMember(owner, chat.json("roomId", roomId, "userId", asker.userId()))).status());
        assertEquals(403, chat.send(asker, roomId, "out", "still here?").status());
        assertEquals(404, call(membership.removeMember(owner, chat.json("roomId", roomId, "userId", asker.userId()))).status());
    }

    @Test
    void membersLeaveButOwnersAndGeneralCannot() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        assertEquals(409, call(membership.leave(owner, chat.json("roomId", roomId))).status());
        assertEquals(204, call(membership.leave(member, chat.json("roomId", roomId))).status());
        assertEquals(403, chat.send(member, roomId, "x", "after leaving").status());
        assertEquals(409, call(membership.leave(owner, chat.json("roomId", Room.GENERAL_ID.toString()))).status());
        assertEquals(404, call(membership.join(owner, chat.json("roomId", UuidV7.next().toString()))).status());
        assertEquals(400, call(membership.join(owner, chat.json("roomId", "not-a-uuid"))).status());
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
        Caller someone = chat.newUser();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode members = call(membership.members(someone, chat.json("roomId", Room.GENERAL_ID.toString()))).body();
            for (JsonNode member : members) {
                if (member.get("id").asText().equals(userId.toString())) {
                    return true;
                }
            }
            return false;
        });
    }
    @Test
    void wrongRoomPasswordsAreLimitedPerUserAndRoom() {
        Caller owner = chat.newUser();
        Caller guesser = chat.newUser();
        String roomId = chat.createRoom(owner, "private", "sesame");
        String otherRoom = chat.createRoom(owner, "private", "open up");
        for (int i = 1; i <= 5; i++) {
            ServiceReply wrong = call(membership.join(guesser, chat.json("roomId", roomId, "password", "guess " + i)));
            assertEquals("wrong_password", wrong.body().get("code").asText(), "guess " + i);
        }
        ServiceReply limited = call(membership.join(guesser, chat.json("roomId", roomId, "password", "guess 6")));
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.body().get("code").asText());
        assertEquals(429, call(membership.join(guesser, chat.json("roomId", roomId, "password", "sesame"))).status(),
                "no more checks of this room's password for now, right or wrong");
        assertEquals(403, call(membership.join(guesser, chat.json("roomId", otherRoom, "password", "nope"))).status(),
                "another room's guesses are counted apart");
        Caller friend = chat.newUser();
        assertEquals(403, call(membership.join(friend, chat.json("roomId", roomId, "password", "nope"))).status());
        assertEquals(200, call(membership.join(friend, chat.json("roomId", roomId, "password", "sesame"))).status(),
                "a right password does not count");
        for (int i = 1; i <= 4; i++) {
            assertEquals(403, call(membership.join(friend, chat.json("roomId", otherRoom, "password", "nope " + i))).status());
        }
        assertEquals(200, call(membership.join(friend, chat.json("roomId", otherRoom, "password", "open up"))).status());
    }

    @Test
    void joinsPastTheUsersBudgetAreRateLimited() {
        List<String> rooms = new ArrayList<>();
        for (int owners = 0; owners < 4; owners++) {
            Caller owner = chat.newUser();
            for (int i = 0; i < 8; i++) {
                rooms.add(chat.createRoom(owner, "public", null));
            }
        }
        Caller joiner = chat.newUser();
        for (int i = 0; i < 30; i++) {
            assertEquals(200, chat.join(joiner, rooms.get(i)).status(), "join " + (i + 1));
        }
        ServiceReply limited = chat.join(joiner, rooms.get(30));
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.body().get("code").asText());
        assertEquals(200, chat.join(chat.newUser(), rooms.get(30)).status(), "the budget is each user's own");
    }
}
