package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.DatabaseAccess;
import dev.chat.deploy.local.ServiceProcess;

/**
 * Membership is chat-service's: a gateway's idea of who receives a room is checked against it every
 * {@code WS_MEMBERSHIP_CHECK_INTERVAL} (2 s on this test's own gateway), so a member whose removal never reached the
 * gateway as an event (here: the row deleted behind chat-service's back, no event at all) stops receiving all the same.
 */
class MembershipRecheckIT {

    static RunningSystem system;
    static Api api;
    static ServiceProcess checking;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        checking = system.startPrivateGateway(Map.of("chat.gateway.websocket.membership-check-interval", "PT2S"));
    }

    @AfterAll
    static void stop() {
        if (checking != null) {
            checking.close();
        }
    }

    @Test
    void aMemberRemovedWithoutAnyEventStopsReceivingWithinTheInterval() throws Exception {
        Api.Session owner = api.newUser("rcown");
        Api.Session member = api.newUser("rcmem");
        Api.Session witness = api.newUser("rcwit");
        String roomId = api.createRoom(owner, "recheck ");
        api.join(member, roomId);
        api.join(witness, roomId);
        try (WsClient memberWs = WsClient.connect(checking.url(), member.accessToken());
                WsClient witnessWs = WsClient.connect(checking.url(), witness.accessToken())) {
            memberWs.await(type("welcome"));
            witnessWs.await(type("welcome"));
            post(owner, roomId, "before");
            memberWs.await(message(roomId, "before"), Duration.ofSeconds(20));

            removeBehindTheServicesBack(roomId, member.userId());
            JsonNode left = memberWs.await(f -> "member".equals(f.path("type").asText()) && "left".equals(f.path("event").asText())
                    && roomId.equals(f.path("roomId").asText()), Duration.ofSeconds(20));
            assertEquals(member.userId(), left.path("userId").asText());

            post(owner, roomId, "after");
            // The witness on the same gateway gets it; by then the removed member would have too.
            witnessWs.await(message(roomId, "after"), Duration.ofSeconds(20));
            assertTrue(memberWs.frames(message(roomId, "after")).isEmpty(), "a removed member still received the room");
        }
    }

    static Predicate<JsonNode> message(String roomId, String text) {
        return f -> "message".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText())
                && text.equals(f.path("text").asText());
    }

    static void post(Api.Session sender, String roomId, String text) {
        api.postMessage(sender, roomId, UUID.randomUUID().toString(), text);
    }

    /** As if the "left" event had been lost: the membership row goes, and nothing is published. */
    static void removeBehindTheServicesBack(String roomId, String userId) throws Exception {
        DatabaseAccess chat = system.infrastructure().database("chat");
        try (Connection connection = DriverManager.getConnection(chat.jdbcUrl(), chat.username(), chat.password());
                PreparedStatement delete = connection.prepareStatement(
                        "delete from room_members where room_id = ?::uuid and user_id = ?::uuid")) {
            delete.setString(1, roomId);
            delete.setString(2, userId);
            assertEquals(1, delete.executeUpdate());
        }
    }
}
