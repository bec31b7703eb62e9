package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Read markers and unread counts against the real chat database. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class ReadMarkerServiceTest {

    @Inject
    ReadMarkerService readMarkers;

    @Inject
    ChannelService channels;

    @Inject
    ChatFixture chat;

    @Test
    void unreadCountsOthersMessagesAfterTheReadMarkerWhichNeverMovesBack() {
        Caller alice = chat.newUser();
        Caller bob = chat.newUser();
        String roomId = chat.createRoom(alice, "public", null);
        chat.join(bob, roomId);
        chat.send(alice, roomId, "a1", "one");
        chat.send(alice, roomId, "a2", "two");
        chat.send(bob, roomId, "b1", "three");
        long last = chat.send(alice, roomId, "a3", "four").body().get("seq").asLong();
        assertEquals(1, unread(bob, roomId), "bob's own message moved his marker to it; one after it");
        assertEquals(0, unread(alice, roomId), "her own last message moved her marker past bob's");
        assertEquals(204, chat.result(readMarkers.read(bob, chat.json("roomId", roomId, "seq", last))).status());
        assertEquals(0, unread(bob, roomId));
        chat.result(readMarkers.read(bob, chat.json("roomId", roomId, "seq", 1)));
        assertEquals(0, unread(bob, roomId), "the marker never moves back");
        assertEquals(400, chat.result(readMarkers.read(bob, chat.json("roomId", roomId, "seq", -1))).status());
        assertEquals(403, chat.result(readMarkers.read(chat.newUser(), chat.json("roomId", roomId, "seq", 1))).status());
    }

    @Test
    void positionsNameEachRoomWithItsNewestSeq() {
        Caller alice = chat.newUser();
        String roomId = chat.createRoom(alice, "public", null);
        chat.send(alice, roomId, "p1", "one");
        chat.send(alice, roomId, "p2", "two");
        long lastSeq = -1;
        for (JsonNode position : chat.result(readMarkers.positions(alice)).body()) {
            if (position.get("roomId").asText().equals(roomId)) {
                lastSeq = position.get("lastSeq").asLong();
            }
        }
        assertEquals(2, lastSeq);
    }

    long unread(Caller caller, String roomId) {
        return chat.unread(caller, roomId);
    }
}
