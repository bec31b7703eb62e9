package dev.chat.e2e;

import static dev.chat.e2e.ChatIT.ack;
import static dev.chat.e2e.ChatIT.send;
import static dev.chat.e2e.WsClient.type;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.ServiceProcess;
import io.restassured.path.json.JsonPath;

/**
 * What makes it a chat product, end to end on real infrastructure with real WebSocket clients: presence
 * across tabs and gateway instances (a killed one included), typing, read receipts and exact unread counts,
 * password rooms and direct messages to someone offline. Presence runs on the test time scale set by
 * {@link RunningSystem} (heartbeat 1 s, instance TTL 3 s, offline grace 1 s).
 */
class ConversationsIT {

    static RunningSystem system;
    static Api api;
    static ServiceProcess secondGateway;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        secondGateway = system.gateway(1);
    }

    static Predicate<JsonNode> presence(Api.Session user, String status) {
        return f -> "presence".equals(f.path("type").asText()) && user.userId().equals(f.path("userId").asText())
                && status.equals(f.path("status").asText());
    }

    static String createRoom(Api.Session owner, Map<String, Object> body) {
        return api.as(owner.accessToken()).body(body).post("/api/rooms").then().statusCode(201).extract().path("id");
    }

    static String publicRoom(Api.Session owner, Api.Session... members) {
        String roomId = createRoom(owner, Map.of("name", Api.uniqueName("room "), "visibility", "public"));
        for (Api.Session member : members) {
            api.as(member.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(200);
        }
        return roomId;
    }

    static JsonPath member(Api.Session viewer, String roomId) {
        return api.as(viewer.accessToken()).get("/api/rooms/" + roomId + "/members").then().statusCode(200).extract().jsonPath();
    }

    static boolean listedOnline(Api.Session viewer, Api.Session user) {
        List<String> ids = api.as(viewer.accessToken()).queryParam("online", "true").queryParam("query", user.username())
                .get("/api/users").then().statusCode(200).extract().path("id");
        return ids.contains(user.userId());
    }

    static int unread(Api.Session user, String roomId) {
        List<Map<String, Object>> rooms = api.as(user.accessToken()).queryParam("scope", "mine").get("/api/rooms")
                .then().statusCode(200).extract().path("$");
        return rooms.stream().filter(r -> roomId.equals(r.get("id"))).map(r -> ((Number) r.get("unread")).intValue())
                .findFirst().orElseThrow();
    }

    @Test
    void aUserIsOnlineWhileAnyTabOnAnyGatewayIsOpen() throws Exception {
        Api.Session watcher = api.newUser("watch");
        Api.Session user = api.newUser("tabs");
        String roomId = publicRoom(watcher, user);
        try (WsClient w = WsClient.connect(system.gatewayUrl(), watcher.accessToken())) {
            WsClient tab1 = WsClient.connect(system.gatewayUrl(), user.accessToken());
            w.await(presence(user, "online"));
            assertEquals(user.username(), w.frames(presence(user, "online")).get(0).path("username").asText());
            assertFalse(w.frames(presence(user, "online")).get(0).has("roomIds"), "the routing list is not delivered");
            assertTrue(tab1.frames(presence(user, "online")).isEmpty(), "nobody is told of their own presence");
            await().atMost(Duration.ofSeconds(10)).until(() -> listedOnline(watcher, user));
            JsonPath members = member(watcher, roomId);
            assertEquals(Boolean.TRUE, members.get("find { it.id == '" + user.userId() + "' }.online"));

            WsClient tab2 = WsClient.connect(secondGateway.url(), user.accessToken());
            tab1.close();
            // Well past the grace: the tab on the other instance keeps the user online.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> w.frames(presence(user, "offline")).isEmpty());
            assertEquals(1, w.frames(presence(user, "online")).size(), "online once, not once per tab");
            assertTrue(listedOnline(watcher, user));

            tab2.close();
            w.await(presence(user, "offline"), Duration.ofSeconds(10));
            assertFalse(listedOnline(watcher, user));
            List<Map<String, Object>> offline = api.as(watcher.accessToken()).queryParam("online", "false")
                    .queryParam("query", user.username()).get("/api/users").then().statusCode(200).extract().path("$");
            assertEquals(1, offline.size());
            assertEquals(Boolean.FALSE, offline.get(0).get("online"));
            assertNotNull(offline.get(0).get("lastSeenAt"));
            assertEquals(Boolean.FALSE, member(watcher, roomId).get("find { it.id == '" + user.userId() + "' }.online"));
        }
    }

    @Test
    void theUsersOfAKilledGatewayGoOffline() throws Exception {
        Api.Session watcher = api.newUser("watch");
        Api.Session user = api.newUser("doomed");
        publicRoom(watcher, user);
        ServiceProcess doomed = system.startGateway(Map.of());
        try (WsClient w = WsClient.connect(system.gatewayUrl(), watcher.accessToken())) {
            WsClient onDoomed = WsClient.connect(doomed.url(), user.accessToken());
            w.await(presence(user, "online"));
            doomed.kill();
            assertTrue(onDoomed.isClosed() || !doomed.isAlive());
            // No close signal ever comes: the instance's heartbeat stops (TTL 3 s), then the grace (1 s).
            w.await(presence(user, "offline"), Duration.ofSeconds(15));
            assertFalse(listedOnline(watcher, user));
        }
    }

    @Test
    void typingReachesTheOtherMembersAtMostOncePerTwoSecondsAndIsNotStored() throws Exception {
        Api.Session typist = api.newUser("typist");
        Api.Session reader = api.newUser("reader");
        String roomId = publicRoom(typist, reader);
        try (WsClient t = WsClient.connect(system.gatewayUrl(), typist.accessToken());
                WsClient r = WsClient.connect(secondGateway.url(), reader.accessToken())) {
            for (int i = 0; i < 5; i++) {
                t.send(Map.of("type", "typing", "roomId", roomId));
            }
            JsonNode typing = r.await(type("typing"));
            assertEquals(roomId, typing.path("roomId").asText());
            assertEquals(typist.userId(), typing.path("userId").asText());
            assertEquals(typist.username(), typing.path("username").asText());
            // Five notices within 2 s are one, for the whole of the throttle's window.
            await().during(Duration.ofMillis(800)).atMost(Duration.ofMillis(1500)).until(() -> r.frames(type("typing")).size() == 1);
            assertTrue(t.frames(type("typing")).isEmpty(), "the typist is not told of their own typing");
            // Once the window has passed, the next notice goes through: keep typing until it does.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
                t.send(Map.of("type", "typing", "roomId", roomId));
                return r.frames(type("typing")).size() == 2;
            });
            // A sent message ends the spell: typing again right after it is shown at once.
            t.send(send(roomId, "done", "there"));
            ack(t, "done");
            t.send(Map.of("type", "typing", "roomId", roomId));
            r.await(f -> r.frames(type("typing")).size() == 3, Duration.ofMillis(1500));
            api.as(reader.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                    .body("messages.size()", equalTo(1)).body("messages[0].text", equalTo("there"));
        }
    }

    @Test
    void readReceiptsReachTheMembersAndUnreadStaysExactAcrossTabs() throws Exception {
        Api.Session writer = api.newUser("writer");
        Api.Session reader = api.newUser("reader");
        String roomId = publicRoom(writer, reader);
        try (WsClient w = WsClient.connect(system.gatewayUrl(), writer.accessToken());
                WsClient phone = WsClient.connect(system.gatewayUrl(), reader.accessToken());
                WsClient laptop = WsClient.connect(secondGateway.url(), reader.accessToken())) {
            for (int i = 1; i <= 3; i++) {
                w.send(send(roomId, "m" + i, "message " + i));
                ack(w, "m" + i);
            }
            assertEquals(3, unread(reader, roomId));
            assertEquals(0, unread(writer, roomId), "one's own messages are never unread");

            phone.send(Map.of("type", "read", "roomId", roomId, "seq", 2));
            JsonNode receipt = w.await(f -> "read".equals(f.path("type").asText()) && reader.userId().equals(f.path("userId").asText()));
            assertEquals(roomId, receipt.path("roomId").asText());
            assertEquals(2, receipt.path("seq").asLong());
            // The reader's other device hears of it too, so it can clear its badge.
            laptop.await(f -> "read".equals(f.path("type").asText()) && f.path("seq").asLong() == 2);
            assertEquals(1, unread(reader, roomId));
            assertEquals(2, member(writer, roomId).getInt("find { it.id == '" + reader.userId() + "' }.readSeq"));

            // An older position from a lagging tab never moves the marker back.
            laptop.send(Map.of("type", "read", "roomId", roomId, "seq", 1));
            api.as(reader.accessToken()).body(Map.of("seq", 1)).post("/api/rooms/" + roomId + "/read").then().statusCode(204);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> unread(reader, roomId) == 1
                    && member(writer, roomId).getInt("find { it.id == '" + reader.userId() + "' }.readSeq") == 2);

            api.as(reader.accessToken()).body(Map.of("seq", 3)).post("/api/rooms/" + roomId + "/read").then().statusCode(204);
            phone.await(f -> "read".equals(f.path("type").asText()) && f.path("seq").asLong() == 3);
            assertEquals(0, unread(reader, roomId));
        }
    }

    @Test
    void aPrivateRoomsPasswordLetsYouInAndAWrongOneIsRefused() throws Exception {
        Api.Session owner = api.newUser("owner");
        Api.Session guest = api.newUser("guest");
        Api.Session asker = api.newUser("asker");
        String roomId = createRoom(owner, Map.of("name", Api.uniqueName("vault "), "visibility", "private", "password", "open sesame"));
        try (WsClient o = WsClient.connect(system.gatewayUrl(), owner.accessToken())) {
            api.as(guest.accessToken()).body(Map.of("password", "wrong")).post("/api/rooms/" + roomId + "/join").then().statusCode(403);
            api.as(guest.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(403);
            api.as(guest.accessToken()).body(Map.of("password", "open sesame")).post("/api/rooms/" + roomId + "/join")
                    .then().statusCode(200).body("status", equalTo("member"));
            o.await(f -> "member".equals(f.path("type").asText()) && guest.userId().equals(f.path("userId").asText()));
            api.as(guest.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200);

            // Without the password it is a request to the owner, who alone sees the list.
            api.as(asker.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(202).body("status", equalTo("pending"));
            o.await(f -> "join-request".equals(f.path("type").asText()) && asker.userId().equals(f.path("userId").asText()));
            api.as(guest.accessToken()).get("/api/rooms/" + roomId + "/join-requests").then().statusCode(403);
            api.as(guest.accessToken()).post("/api/rooms/" + roomId + "/join-requests/" + asker.userId() + "/approve")
                    .then().statusCode(403);
        }
    }

    @Test
    void directMessagesToSomeoneOfflineWaitAsUnreadNewestConversationFirst() throws Exception {
        Api.Session away = api.newUser("away");
        Api.Session first = api.newUser("first");
        Api.Session second = api.newUser("second");
        String olderDm = api.as(first.accessToken()).body(Map.of("userId", away.userId())).post("/api/dms")
                .then().statusCode(201).extract().path("id");
        String newerDm = api.as(second.accessToken()).body(Map.of("userId", away.userId())).post("/api/dms")
                .then().statusCode(201).extract().path("id");
        try (WsClient f = WsClient.connect(system.gatewayUrl(), first.accessToken());
                WsClient s = WsClient.connect(secondGateway.url(), second.accessToken())) {
            f.send(send(olderDm, "f1", "are you there?"));
            ack(f, "f1");
            f.send(send(olderDm, "f2", "call me"));
            ack(f, "f2");
            s.send(send(newerDm, "s1", "news!"));
            ack(s, "s1");
        }
        // The recipient was never connected; on coming back, both conversations wait, newest first.
        List<Map<String, Object>> direct = api.as(away.accessToken()).queryParam("scope", "direct").get("/api/rooms")
                .then().statusCode(200).extract().path("$");
        assertEquals(List.of(newerDm, olderDm), direct.stream().map(r -> r.get("id")).toList());
        assertEquals(1, ((Number) direct.get(0).get("unread")).intValue());
        assertEquals(2, ((Number) direct.get(1).get("unread")).intValue());
        assertEquals("call me", ((Map<?, ?>) direct.get(1).get("lastMessage")).get("text"));
        assertEquals(second.username(), direct.get(0).get("name"));
        try (WsClient a = WsClient.connect(system.gatewayUrl(), away.accessToken())) {
            JsonNode welcome = a.await(type("welcome"));
            boolean listed = false;
            for (JsonNode room : welcome.path("rooms")) {
                if (olderDm.equals(room.path("roomId").asText())) {
                    assertEquals(2, room.path("lastSeq").asLong());
                    listed = true;
                }
            }
            assertTrue(listed, "the welcome lists the direct room");
            a.send(Map.of("type", "resume", "positions", Map.of(olderDm, 0)));
            a.await(type("resumed"));
            assertEquals(List.of(1L, 2L), a.seqs(olderDm));
        }
    }
}
