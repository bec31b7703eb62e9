package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Direct rooms against the real chat database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class DirectRoomServiceTest {

    @Inject
    DirectRoomService directRooms;

    @Inject
    ChatFixture chat;

    @Test
    void aDirectRoomIsTheSameEveryTimeFromEitherSide() {
        Caller alice = chat.newUser();
        Caller bob = chat.newUser();
        ServiceReply first = chat.result(directRooms.open(alice, chat.json("userId", bob.userId())));
        ServiceReply second = chat.result(directRooms.open(bob, chat.json("userId", alice.userId())));
        assertEquals(201, first.status());
        assertEquals(200, second.status());
        assertEquals(first.body().get("id"), second.body().get("id"));
        assertEquals(bob.username(), first.body().get("name").asText());
        assertEquals(alice.username(), second.body().get("name").asText());
        assertEquals(400, chat.result(directRooms.open(alice, chat.json("userId", alice.userId()))).status());
        assertEquals(404, chat.result(directRooms.open(alice, chat.json("userId", UuidV7.next().toString()))).status());
    }

    @Test
    void aDirectRoomCannotBeJoinedByAThirdPerson() {
        Caller alice = chat.newUser();
        Caller bob = chat.newUser();
        Caller eve = chat.newUser();
        String roomId = chat.result(directRooms.open(alice, chat.json("userId", bob.userId()))).body().get("id").asText();
        assertEquals(404, chat.join(eve, roomId).status());
        assertEquals(403, chat.send(eve, roomId, "x", "hi both").status());
    }
    @Test
    void newDirectRoomsPastTheUsersBudgetAreRateLimitedButExistingOnesStillOpen() {
        Caller alice = chat.newUser();
        Caller first = chat.newUser();
        assertEquals(201, chat.result(directRooms.open(alice, chat.json("userId", first.userId()))).status());
        for (int i = 2; i <= 30; i++) {
            assertEquals(201, chat.result(directRooms.open(alice, chat.json("userId", chat.newUser().userId()))).status());
        }
        ServiceReply limited = chat.result(directRooms.open(alice, chat.json("userId", chat.newUser().userId())));
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.body().get("code").asText());
        assertEquals(200, chat.result(directRooms.open(alice, chat.json("userId", first.userId()))).status(),
                "an existing conversation opens whatever the budget");
        assertEquals(200, chat.result(directRooms.open(first, chat.json("userId", alice.userId()))).status());
    }
}
