package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Creating, reading and deleting channels, against the real chat database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class ChannelServiceTest {

    @Inject
    ChannelService channels;

    @Inject
    ChatFixture chat;

    @Test
    void channelNamesAreUniqueInAnyCase() {
        Caller owner = chat.newUser();
        String name = "Unique " + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, chat.result(channels.create(owner, chat.json("name", name, "visibility", "public"))).status());
        ServiceReply clash = chat.result(channels.create(owner, chat.json("name", name.toUpperCase(), "visibility", "private")));
        assertEquals(409, clash.status());
        assertEquals("room_name_taken", clash.body().get("code").asText());
    }

    @Test
    void aChannelIsFoundByItsNameInAnyCasePrivateOnesWithoutTheirMessages() {
        Caller owner = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createRoom(owner, "private", null);
        String name = chat.result(channels.get(owner, chat.json("roomId", roomId))).body().get("name").asText();
        chat.send(owner, roomId, "c1", "for members only");

        JsonNode found = chat.result(channels.list(stranger, chat.json("name", name.toUpperCase(Locale.ROOT)))).body();
        assertEquals(1, found.size());
        assertEquals(roomId, found.get(0).get("id").asText());
        assertEquals("private", found.get(0).get("visibility").asText());
        assertFalse(found.get(0).get("member").asBoolean());
        assertNull(found.get(0).get("lastMessage"), "a non-member reads nothing of a private room");
        assertEquals("for members only", chat.result(channels.list(owner, chat.json("name", name))).body().get(0)
                .get("lastMessage").get("text").asText());
        assertEquals("general", chat.result(channels.list(stranger, chat.json("name", "GENERAL"))).body().get(0).get("kind").asText());
        assertEquals(0, chat.result(channels.list(stranger, chat.json("name", "no such " + UUID.randomUUID()))).body().size());
        assertEquals(400, chat.result(channels.list(stranger, chat.json("name", " "))).status());
    }

    @Test
    void onlyTheOwnerDeletesAndThenTheRoomIsGone() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        assertEquals(403, chat.result(channels.delete(member, chat.json("roomId", roomId))).status());
        assertEquals(204, chat.result(channels.delete(owner, chat.json("roomId", roomId))).status());
        assertEquals(404, chat.result(channels.get(owner, chat.json("roomId", roomId))).status());
        assertEquals(404, chat.result(channels.delete(owner, chat.json("roomId", UuidV7.next().toString()))).status());
    }

    @Test
    void everyTimeIsToTheMillisecondEvenOneWrittenBySql() {
        Caller someone = chat.newUser();
        for (JsonNode room : chat.result(channels.list(someone, chat.json("scope", "mine"))).body()) {
            // The general room's row was written by the migration's now(), in microseconds.
            Instant createdAt = Instant.parse(room.get("createdAt").asText());
            assertEquals(0, createdAt.getNano() % 1_000_000, room.get("name").asText() + " created at " + createdAt);
        }
    }

    @Test
    void aPublicChannelCanBeSeenBeforeJoiningAPrivateOneCannot() {
        Caller owner = chat.newUser();
        Caller stranger = chat.newUser();
        String open = chat.createRoom(owner, "public", null);
        String closed = chat.createRoom(owner, "private", null);
        assertEquals(200, chat.result(channels.get(stranger, chat.json("roomId", open))).status());
        assertEquals(403, chat.result(channels.get(stranger, chat.json("roomId", closed))).status());
        assertEquals(400, chat.result(channels.list(stranger, chat.json("scope", "everything"))).status());
    }
    @Test
    void roomCreationsPastTheUsersBudgetAreRateLimited() {
        Caller owner = chat.newUser();
        for (int i = 1; i <= 10; i++) {
            chat.createRoom(owner, i % 2 == 0 ? "public" : "private", null);
        }
        ServiceReply limited = chat.result(channels.create(owner, chat.json("name", "one too many " + UUID.randomUUID().toString()
                .substring(0, 8), "visibility", "public")));
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.body().get("code").asText());
        chat.createRoom(chat.newUser(), "public", null);
    }
}
