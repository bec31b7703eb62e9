package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.ServiceProcess;
import io.restassured.response.Response;

/**
 * Rooms and messages end to end: real WebSocket clients on two gateway instances, chat-service and
 * user-service as processes, real Kafka and PostgreSQL.
 */
class ChatIT {

    static RunningSystem system;
    static Api api;
    static ServiceProcess secondGateway;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        secondGateway = system.gateway(1);
    }

    static String createRoom(Api.Session owner) {
        return api.createRoom(owner, "room ");
    }

    static void join(Api.Session user, String roomId) {
        api.join(user, roomId);
    }

    static Map<String, Object> send(String roomId, String clientMsgId, String text) {
        return Map.of("type", "send", "roomId", roomId, "clientMsgId", clientMsgId, "text", text);
    }

    static JsonNode ack(WsClient client, String clientMsgId) throws InterruptedException {
        return client.await(f -> "ack".equals(f.path("type").asText()) && clientMsgId.equals(f.path("clientMsgId").asText()));
    }

    static JsonNode error(WsClient client, String ref) throws InterruptedException {
        return client.await(f -> "error".equals(f.path("type").asText()) && ref.equals(f.path("ref").asText()));
    }

    static void awaitSeqs(WsClient client, String roomId, List<Long> expected) throws InterruptedException {
        client.await(f -> client.seqs(roomId).size() >= expected.size(), Duration.ofSeconds(20));
        assertEquals(expected, client.seqs(roomId));
    }

    @Test
    void everyMemberGetsEveryMessageOnceInOrderAcrossTwoGateways() throws Exception {
        Api.Session alice = api.newUser("alice");
        Api.Session bob = api.newUser("bob");
        Api.Session carol = api.newUser("carol");
        String roomId = createRoom(alice);
        join(bob, roomId);
        join(carol, roomId);
        try (WsClient a = WsClient.connect(system.gatewayUrl(), alice.accessToken());
                WsClient aSecondTab = WsClient.connect(system.gatewayUrl(), alice.accessToken());
                WsClient b = WsClient.connectWithQueryToken(system.gatewayUrl(), bob.accessToken());
                WsClient c = WsClient.connect(secondGateway.url(), carol.accessToken())) {
            for (int i = 0; i < 5; i++) {
                a.send(send(roomId, "a" + i, "from alice " + i));
                c.send(send(roomId, "c" + i, "from carol " + i));
                api.postMessage(bob, roomId, "b" + i, "from bob " + i);
            }
            List<Long> all = LongStream.rangeClosed(1, 15).boxed().toList();
            for (WsClient client : List.of(a, aSecondTab, b, c)) {
                awaitSeqs(client, roomId, all);
            }
            JsonNode ack = ack(a, "a3");
            assertEquals(roomId, ack.path("roomId").asText());
            JsonNode stored = a.messages(roomId).stream().filter(m -> m.path("clientMsgId").asText().equals("a3"))
                    .findFirst().orElseThrow();
            assertEquals(stored.path("seq").asLong(), ack.path("seq").asLong());
            assertEquals(stored.path("id").asText(), ack.path("messageId").asText());
            assertEquals(alice.username(), stored.path("sender").path("username").asText());
            assertEquals("user", stored.path("kind").asText());
            assertTrue(b.frames(type("ack")).isEmpty(), "only the sender's connection gets acks");
        }
    }

    @Test
    void welcomeListsTheCallersRoomsWithTheirNewestSeq() throws Exception {
        Api.Session owner = api.newUser("wel");
        String roomId = createRoom(owner);
        api.as(owner.accessToken()).body(Map.of("clientMsgId", "w1", "text", "hello")).post("/api/rooms/" + roomId + "/messages")
                .then().statusCode(201);
        try (WsClient client = WsClient.connect(system.gatewayUrl(), owner.accessToken())) {
            JsonNode welcome = client.await(type("welcome"));
            assertEquals(owner.userId(), welcome.path("user").path("id").asText());
            boolean found = false;
            for (JsonNode room : welcome.path("rooms")) {
                if (room.path("roomId").asText().equals(roomId)) {
                    assertEquals(1, room.path("lastSeq").asLong());
                    found = true;
                }
            }
            assertTrue(found, "the new room is in the welcome");
            assertEquals(2, welcome.path("rooms").size(), "general and the room");
        }
    }

    @Test
    void nonMembersGet403OnHistoryAndAnErrorOnSend() throws Exception {
        Api.Session owner = api.newUser("own");
        Api.Session stranger = api.newUser("str");
        String roomId = createRoom(owner);
        api.as(stranger.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(403)
                .body("code", equalTo("not_a_member"));
        try (WsClient s = WsClient.connect(system.gatewayUrl(), stranger.accessToken())) {
            s.send(send(roomId, "x1", "let me in"));
            assertEquals("not_a_member", error(s, "x1").path("code").asText());
        }
        api.as(owner.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                .body("messages.size()", equalTo(0));
    }

    @Test
    void anIdempotentResendReturnsTheSameSeqAndIsNotBroadcastAgain() throws Exception {
        Api.Session sender = api.newUser("idem");
        Api.Session reader = api.newUser("read");
        String roomId = createRoom(sender);
        join(reader, roomId);
        try (WsClient s = WsClient.connect(system.gatewayUrl(), sender.accessToken());
                WsClient r = WsClient.connect(secondGateway.url(), reader.accessToken())) {
            s.send(send(roomId, "same-id", "once"));
            long seq = ack(s, "same-id").path("seq").asLong();
            s.send(send(roomId, "same-id", "once"));
            s.await(f -> s.frames(type("ack")).size() == 2);
            assertEquals(List.of(seq, seq), s.frames(type("ack")).stream().map(f -> f.path("seq").asLong()).toList());
            // A later message proves the reader has seen everything sent before it.
            s.send(send(roomId, "after", "next"));
            r.await(f -> "after".equals(f.path("clientMsgId").asText()));
            // The ack may overtake the sender's own message frame: wait for that too.
            s.await(f -> "message".equals(f.path("type").asText()) && "after".equals(f.path("clientMsgId").asText()));
            assertEquals(List.of(1L, 2L), r.seqs(roomId));
            assertEquals(List.of(1L, 2L), s.seqs(roomId));
        }
    }

    @Test
    void aClientThatResumesGetsExactlyTheMissedMessages() throws Exception {
        Api.Session talker = api.newUser("talk");
        Api.Session sleeper = api.newUser("slp");
        String roomId = createRoom(talker);
        join(sleeper, roomId);
        long lastSeen;
        try (WsClient s = WsClient.connect(secondGateway.url(), sleeper.accessToken())) {
            api.as(talker.accessToken()).body(Map.of("clientMsgId", "m1", "text", "one")).post("/api/rooms/" + roomId + "/messages");
            api.as(talker.accessToken()).body(Map.of("clientMsgId", "m2", "text", "two")).post("/api/rooms/" + roomId + "/messages");
            awaitSeqs(s, roomId, List.of(1L, 2L));
            lastSeen = 2;
        }
        for (int i = 3; i <= 9; i++) {
            api.postMessage(talker, roomId, "m" + i, "missed " + i);
        }
        try (WsClient t = WsClient.connect(system.gatewayUrl(), talker.accessToken());
                WsClient s = WsClient.connect(secondGateway.url(), sleeper.accessToken())) {
            s.send(Map.of("type", "resume", "positions", Map.of(roomId, lastSeen)));
            // Live traffic while resuming must neither duplicate nor jump the queue.
            t.send(send(roomId, "m10", "live"));
            s.await(type("resumed"));
            s.await(f -> s.seqs(roomId).contains(10L));
            assertEquals(LongStream.rangeClosed(3, 10).boxed().toList(), s.seqs(roomId));
        }
    }

    @Test
    void oneConnectionCarriesEveryRoomOfTheCaller() throws Exception {
        Api.Session owner = api.newUser("two");
        Api.Session member = api.newUser("mem");
        String first = createRoom(owner);
        String second = createRoom(owner);
        join(member, first);
        join(member, second);
        try (WsClient m = WsClient.connect(system.gatewayUrl(), member.accessToken());
                WsClient o = WsClient.connect(secondGateway.url(), owner.accessToken())) {
            o.send(send(first, "f1", "in the first"));
            o.send(send(second, "s1", "in the second"));
            m.await(f -> "f1".equals(f.path("clientMsgId").asText()));
            m.await(f -> "s1".equals(f.path("clientMsgId").asText()));
            assertEquals(List.of(1L), m.seqs(first));
            assertEquals(List.of(1L), m.seqs(second));
        }
    }

    @Test
    void leavingStopsTheRoomsTrafficAtOnceAndJoiningStartsIt() throws Exception {
        Api.Session owner = api.newUser("lo");
        Api.Session leaver = api.newUser("lv");
        String room = createRoom(owner);
        String other = createRoom(owner);
        join(leaver, other);
        try (WsClient l = WsClient.connect(secondGateway.url(), leaver.accessToken());
                WsClient o = WsClient.connect(system.gatewayUrl(), owner.accessToken())) {
            // Joined while connected: traffic starts without reconnecting.
            join(leaver, room);
            l.await(f -> "member".equals(f.path("type").asText()) && room.equals(f.path("roomId").asText()));
            o.send(send(room, "before", "you are here"));
            l.await(f -> "before".equals(f.path("clientMsgId").asText()));

            api.as(leaver.accessToken()).post("/api/rooms/" + room + "/leave").then().statusCode(204);
            l.await(f -> "member".equals(f.path("type").asText()) && "left".equals(f.path("event").asText()));
            o.send(send(room, "gone", "you left"));
            ack(o, "gone");
            o.send(send(other, "marker", "still here"));
            l.await(f -> "marker".equals(f.path("clientMsgId").asText()));
            assertEquals(List.of(1L), l.seqs(room), "nothing after leaving");
            l.send(send(room, "x", "can I?"));
            assertEquals("not_a_member", error(l, "x").path("code").asText());
        }
    }

    @Test
    void privateRoomsTakeJoinRequestsThatTheOwnerSettles() throws Exception {
        Api.Session owner = api.newUser("priv");
        Api.Session asker = api.newUser("ask");
        Api.Session other = api.newUser("oth");
        String roomId = api.as(owner.accessToken()).body(Map.of("name", Api.uniqueName("secret "), "visibility", "private"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        try (WsClient o = WsClient.connect(system.gatewayUrl(), owner.accessToken());
                WsClient a = WsClient.connect(secondGateway.url(), asker.accessToken());
                WsClient x = WsClient.connect(secondGateway.url(), other.accessToken())) {
            api.as(asker.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(202).body("status", equalTo("pending"));
            JsonNode request = o.await(type("join-request"));
            assertEquals(asker.userId(), request.path("userId").asText());
            api.as(asker.accessToken()).get("/api/rooms/" + roomId + "/members").then().statusCode(403);
            api.as(asker.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(403);
            api.as(asker.accessToken()).post("/api/rooms/" + roomId + "/join-requests/" + asker.userId() + "/approve")
                    .then().statusCode(403);
            api.as(owner.accessToken()).get("/api/rooms/" + roomId + "/join-requests").then().statusCode(200)
                    .body("userId", equalTo(List.of(asker.userId())));
            api.as(owner.accessToken()).post("/api/rooms/" + roomId + "/join-requests/" + asker.userId() + "/approve")
                    .then().statusCode(204);
            a.await(f -> "member".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()));

            api.as(other.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(202);
            api.as(owner.accessToken()).post("/api/rooms/" + roomId + "/join-requests/" + other.userId() + "/reject")
                    .then().statusCode(204);
            assertTrue(x.await(type("system")).path("text").asText().contains("declined"));

            // Removed: the member's connection stops getting the room at once.
            a.send(send(roomId, "a1", "hello"));
            ack(a, "a1");
            api.as(owner.accessToken()).delete("/api/rooms/" + roomId + "/members/" + asker.userId()).then().statusCode(204);
            a.await(f -> "left".equals(f.path("event").asText()) && roomId.equals(f.path("roomId").asText()));
            o.send(send(roomId, "after-removal", "you are out"));
            ack(o, "after-removal");
            a.send(send(roomId, "a2", "am I?"));
            assertEquals("not_a_member", error(a, "a2").path("code").asText());
            assertEquals(List.of(1L), a.seqs(roomId));
        }
    }

    @Test
    void deletingARoomNotifiesItsMembers() throws Exception {
        Api.Session owner = api.newUser("del");
        Api.Session member = api.newUser("dm");
        String roomId = createRoom(owner);
        join(member, roomId);
        try (WsClient m = WsClient.connect(secondGateway.url(), member.accessToken())) {
            api.as(member.accessToken()).delete("/api/rooms/" + roomId).then().statusCode(403).body("code", equalTo("not_room_owner"));
            api.as(owner.accessToken()).delete("/api/rooms/" + roomId).then().statusCode(204);
            JsonNode frame = m.await(f -> "room".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()));
            assertEquals("deleted", frame.path("event").asText());
            api.as(owner.accessToken()).get("/api/rooms/" + roomId).then().statusCode(404);
        }
    }

    @Test
    void badFramesGetAnErrorAndTheConnectionStaysOpen() throws Exception {
        Api.Session user = api.newUser("bad");
        String roomId = createRoom(user);
        try (WsClient c = WsClient.connect(system.gatewayUrl(), user.accessToken())) {
            c.send("this is not json");
            c.await(f -> "error".equals(f.path("type").asText()) && "invalid_frame".equals(f.path("code").asText()));
            c.send(Map.of("type", "teleport"));
            assertEquals("unknown_type", error(c, "teleport").path("code").asText());
            c.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "no-text"));
            assertEquals("validation_failed", error(c, "no-text").path("code").asText());
            c.send(Map.of("type", "send", "roomId", "not-a-uuid", "clientMsgId", "bad-room", "text", "x"));
            assertEquals("validation_failed", error(c, "bad-room").path("code").asText());
            c.send(send(roomId, "too-long", "x".repeat(4001)));
            assertEquals("validation_failed", error(c, "too-long").path("code").asText());
            c.send(send(roomId, "huge", "x".repeat(70_000)));
            c.await(f -> "error".equals(f.path("type").asText()) && "frame_too_large".equals(f.path("code").asText()));
            c.send(Map.of("type", "read", "roomId", roomId, "seq", "three"));
            assertEquals("validation_failed", error(c, "read").path("code").asText());
            c.send(Map.of("type", "ping"));
            c.await(type("pong"));
            assertFalse(c.isClosed());
        }
        api.as(user.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                .body("messages.size()", equalTo(0));
    }

    @Test
    void sendsBeyondTheRateLimitAreRefused() throws Exception {
        Api.Session user = api.newUser("fast");
        String roomId = createRoom(user);
        try (WsClient c = WsClient.connect(system.gatewayUrl(), user.accessToken())) {
            for (int i = 1; i <= 21; i++) {
                c.send(send(roomId, "r" + i, "message " + i));
            }
            assertEquals("rate_limited", error(c, "r21").path("code").asText());
            c.await(f -> c.frames(type("ack")).size() == 20);
            assertEquals(20, c.frames(type("ack")).size());
        }
    }

    @Test
    void historyPagesBySeqAndTimeOverRest() {
        Api.Session user = api.newUser("hist");
        String roomId = createRoom(user);
        for (int i = 1; i <= 7; i++) {
            api.postMessage(user, roomId, "h" + i, "text " + i);
        }
        Response latest = api.as(user.accessToken()).queryParam("limit", 3).get("/api/rooms/" + roomId + "/messages");
        latest.then().statusCode(200).body("messages.seq", equalTo(List.of(5, 6, 7))).body("hasMore", equalTo(true));
        api.as(user.accessToken()).queryParam("beforeSeq", 5).queryParam("limit", 3).get("/api/rooms/" + roomId + "/messages")
                .then().body("messages.seq", equalTo(List.of(2, 3, 4))).body("hasMore", equalTo(true));
        api.as(user.accessToken()).queryParam("afterSeq", 5).get("/api/rooms/" + roomId + "/messages")
                .then().body("messages.seq", equalTo(List.of(6, 7))).body("hasMore", equalTo(false));
        String since = latest.path("messages[0].createdAt");
        api.as(user.accessToken()).queryParam("since", since).get("/api/rooms/" + roomId + "/messages")
                .then().body("messages.seq", equalTo(List.of(5, 6, 7)));
        api.as(user.accessToken()).queryParam("limit", 0).get("/api/rooms/" + roomId + "/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        api.as(user.accessToken()).queryParam("since", "last tuesday").get("/api/rooms/" + roomId + "/messages")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void logoutClosesTheSessionsSockets() throws Exception {
        Api.Session user = api.newUser("bye");
        try (WsClient c = WsClient.connect(secondGateway.url(), user.accessToken())) {
            api.as(user.accessToken()).post("/api/auth/logout").then().statusCode(204);
            c.await(f -> "system".equals(f.path("type").asText()));
            c.awaitClosed(Duration.ofSeconds(10));
        }
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefused() {
        for (String token : new String[] {null, "garbage", "a.b.c"}) {
            try {
                WsClient.open(system.gatewayUrl(), token, false).close();
                throw new AssertionError("upgrade accepted for " + token);
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                assertTrue(e.toString().contains("401"), e.toString());
            }
        }
    }

    @Test
    void everyAckedMessageSurvivesAChatServiceRestartExactlyOnce() throws Exception {
        Api.Session user = api.newUser("dur");
        String roomId = createRoom(user);
        List<String> acked = new ArrayList<>();
        CompletableFuture<ServiceProcess> restarted = null;
        for (int i = 1; i <= 30; i++) {
            if (i == 10) {
                system.service("chat-service").close();
                // Back a few seconds later, while this client keeps sending.
                restarted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return system.restart("chat-service");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            }
            String clientMsgId = "d" + i;
            // The client's retry loop: the same clientMsgId until it is acknowledged.
            for (int attempt = 0; attempt < 20; attempt++) {
                int status = api.as(user.accessToken()).body(Map.of("clientMsgId", clientMsgId, "text", "durable " + i))
                        .post("/api/rooms/" + roomId + "/messages").statusCode();
                if (status == 201 || status == 200) {
                    acked.add(clientMsgId);
                    break;
                }
                assertEquals(503, status);
            }
        }
        restarted.get(2, TimeUnit.MINUTES);
        assertEquals(30, acked.size());
        Response history = api.as(user.accessToken()).queryParam("limit", 200).get("/api/rooms/" + roomId + "/messages");
        List<String> stored = history.path("messages.clientMsgId");
        List<Integer> seqs = history.path("messages.seq");
        assertEquals(acked, stored, "every acked message exactly once, in send order");
        assertEquals(LongStream.rangeClosed(1, 30).mapToObj(i -> (int) i).toList(), seqs, "gapless");
        awaitChatServiceOwnsEveryPartition();
    }

    /**
     * A restarted chat-service answers a partition only once one of its consumers owns it, and its consumers join
     * the group one after another. Later tests must not meet that (a call to a partition nobody
     * owns yet times out as 503), so this waits until the group is stable with every partition owned.
     */
    static void awaitChatServiceOwnsEveryPartition() throws Exception {
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(Topics.CHAT_COMMANDS))
                .findFirst().orElseThrow().partitions();
        try (var admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.infrastructure().kafkaBootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                var group = admin.describeConsumerGroups(List.of("chat-service")).all().get().get("chat-service");
                long owned = group.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(Topics.CHAT_COMMANDS)).distinct().count();
                return group.groupState() == GroupState.STABLE && owned == partitions;
            });
        }
    }

    @Test
    void idleConnectionsGetASystemFrameAndAreClosed() throws Exception {
        ServiceProcess impatient = system.startGateway(Map.of("chat.gateway.websocket.idle-timeout", "PT4S"));
        Api.Session user = api.newUser("idle");
        try (WsClient c = WsClient.connect(impatient.url(), user.accessToken())) {
            JsonNode notice = c.await(type("system"), Duration.ofSeconds(20));
            assertTrue(notice.path("text").asText().contains("no activity"));
            c.awaitClosed(Duration.ofSeconds(10));
        } finally {
            impatient.close();
        }
    }

    @Test
    void directRoomsAreTheSameForBothSidesAndRouteAtOnce() throws Exception {
        Api.Session a = api.newUser("dma");
        Api.Session b = api.newUser("dmb");
        WsClient bSocket = WsClient.connect(secondGateway.url(), b.accessToken());
        String first = api.as(a.accessToken()).body(Map.of("userId", b.userId())).post("/api/dms")
                .then().statusCode(201).body("kind", equalTo("direct")).body("name", equalTo(b.username()))
                .extract().path("id");
        bSocket.await(f -> "member".equals(f.path("type").asText()) && first.equals(f.path("roomId").asText()));
        api.as(a.accessToken()).body(Map.of("clientMsgId", "hi", "text", "psst")).post("/api/rooms/" + first + "/messages")
                .then().statusCode(201);
        bSocket.await(f -> "hi".equals(f.path("clientMsgId").asText()));
        bSocket.close();
        api.as(b.accessToken()).queryParam("scope", "direct").get("/api/rooms").then().statusCode(200)
                .body("[0].id", equalTo(first))
                .body("[0].name", equalTo(a.username()))
                .body("[0].unread", equalTo(1))
                .body("[0].lastSeq", equalTo(1))
                .body("[0].lastMessage.text", equalTo("psst"));
        // Read on its own, each side sees it named for the other, with them as its peer.
        api.as(b.accessToken()).get("/api/rooms/" + first).then().statusCode(200)
                .body("kind", equalTo("direct")).body("name", equalTo(a.username())).body("peer.id", equalTo(a.userId()));
        api.as(a.accessToken()).get("/api/rooms/" + first).then().statusCode(200)
                .body("name", equalTo(b.username())).body("peer.username", equalTo(b.username()));
        String again = api.as(b.accessToken()).body(Map.of("userId", a.userId())).post("/api/dms")
                .then().statusCode(200).extract().path("id");
        assertEquals(first, again);
        api.as(a.accessToken()).body(Map.of("userId", UUID.randomUUID().toString())).post("/api/dms").then().statusCode(404);
    }
}
