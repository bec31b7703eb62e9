package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.ServiceProcess;

/**
 * The shared canvas end to end: sketch-service, chat-service (whose membership events sketch-service follows) and two
 * gateways as processes, real Kafka and PostgreSQL, WebSocket clients on both gateways.
 */
class SketchIT {

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
        return api.createRoom(owner, "canvas ");
    }

    static Map<String, Object> stroke(String roomId, String strokeId, int x) {
        return Map.of("type", "sketch.stroke", "roomId", roomId, "strokeId", strokeId, "color", "#112233", "width", 5,
                "points", List.of(List.of(x, 100), List.of(x + 50, 200.5)));
    }

    static Predicate<JsonNode> op(String roomId) {
        return f -> f.path("type").asText().startsWith("sketch.") && f.has("seq") && roomId.equals(f.path("roomId").asText())
                && !"sketch.ack".equals(f.path("type").asText()) && !"sketch.resumed".equals(f.path("type").asText());
    }

    static List<Long> opSeqs(WsClient client, String roomId) {
        return client.frames(op(roomId)).stream().map(f -> f.path("seq").asLong()).toList();
    }

    static void awaitOps(WsClient client, String roomId, int count) throws InterruptedException {
        client.await(f -> opSeqs(client, roomId).size() >= count, Duration.ofSeconds(20));
    }

    static JsonNode ack(WsClient client, String strokeId) throws InterruptedException {
        return client.await(f -> "sketch.ack".equals(f.path("type").asText()) && strokeId.equals(f.path("strokeId").asText()));
    }

    static JsonNode error(WsClient client, String ref) throws InterruptedException {
        return client.await(f -> "error".equals(f.path("type").asText()) && ref.equals(f.path("ref").asText()));
    }

    /** A stroke acknowledged; the client retries the same strokeId until it is (the contract's idempotent resend). */
    static long drawAcked(WsClient client, String roomId, int x) throws InterruptedException {
        String strokeId = UUID.randomUUID().toString();
        client.send(stroke(roomId, strokeId, x));
        return ack(client, strokeId).path("seq").asLong();
    }

    static long drawUntilAcked(WsClient client, String roomId, int x, Duration patience) throws InterruptedException {
        String strokeId = UUID.randomUUID().toString();
        Predicate<JsonNode> ackOf = f -> "sketch.ack".equals(f.path("type").asText()) && strokeId.equals(f.path("strokeId").asText());
        Predicate<JsonNode> errorOf = f -> "error".equals(f.path("type").asText()) && strokeId.equals(f.path("ref").asText());
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            int errorsBefore = client.frames(errorOf).size();
            client.send(stroke(roomId, strokeId, x));
            client.await(f -> !client.frames(ackOf).isEmpty() || client.frames(errorOf).size() > errorsBefore, Duration.ofSeconds(20));
            List<JsonNode> acks = client.frames(ackOf);
            if (!acks.isEmpty()) {
                return acks.get(0).path("seq").asLong();
            }
            List<JsonNode> errors = client.frames(errorOf);
            assertEquals("service_unavailable", errors.get(errors.size() - 1).path("code").asText());
        }
        throw new AssertionError("stroke never acknowledged within " + patience);
    }

    @Test
    void twoMembersOnTwoGatewaysSeeEveryStrokeOnceInSeqOrderAndANonMemberSeesNothing() throws Exception {
        Api.Session ann = api.newUser("skann");
        Api.Session bob = api.newUser("skbob");
        Api.Session eve = api.newUser("skeve");
        String roomId = createRoom(ann);
        api.join(bob, roomId);
        try (WsClient annWs = WsClient.connect(system.gatewayUrl(), ann.accessToken());
                WsClient bobWs = WsClient.connect(secondGateway.url(), bob.accessToken());
                WsClient eveWs = WsClient.connect(secondGateway.url(), eve.accessToken())) {
            for (WsClient client : List.of(annWs, bobWs, eveWs)) {
                client.await(type("welcome"));
            }
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                WsClient who = i % 2 == 0 ? annWs : bobWs;
                String strokeId = UUID.randomUUID().toString();
                sent.add(strokeId);
                who.send(stroke(roomId, strokeId, i * 100));
            }
            for (WsClient client : List.of(annWs, bobWs)) {
                awaitOps(client, roomId, 6);
                assertEquals(LongStream.rangeClosed(1, 6).boxed().toList(), opSeqs(client, roomId));
            }
            // Ann and Bob draw at once through two gateways, so the seq order between them is the service's to decide.
            JsonNode first = annWs.frames(op(roomId)).stream().filter(f -> sent.get(0).equals(f.path("strokeId").asText()))
                    .findFirst().orElseThrow();
            assertEquals(ann.userId(), first.path("userId").asText());
            assertEquals(new HashSet<>(sent), annWs.frames(op(roomId)).stream().map(f -> f.path("strokeId").asText())
                    .collect(Collectors.toSet()));
            assertEquals(List.of(List.of(0, 100), List.of(50, 201)),
                    List.of(List.of(first.path("points").get(0).get(0).asInt(), first.path("points").get(0).get(1).asInt()),
                            List.of(first.path("points").get(1).get(0).asInt(), first.path("points").get(1).get(1).asInt())));
            ack(annWs, sent.get(0));
            ack(bobWs, sent.get(1));

            // Live previews reach the other member, not the one drawing.
            annWs.send(Map.of("type", "sketch.draw", "roomId", roomId, "strokeId", UUID.randomUUID().toString(), "color", "#ff0000",
                    "width", 3, "points", List.of(List.of(1, 2))));
            JsonNode preview = bobWs.await(type("sketch.draw"));
            assertEquals(ann.userId(), preview.path("userId").asText());
            assertFalse(preview.has("seq"));

            // The outsider: refused, and nothing of the room's canvas reaches them.
            String eveStroke = UUID.randomUUID().toString();
            eveWs.send(stroke(roomId, eveStroke, 1));
            assertEquals("not_a_member", error(eveWs, eveStroke).path("code").asText());
            eveWs.send(Map.of("type", "sketch.resume", "roomId", roomId, "afterSeq", 0));
            assertEquals("not_a_member", error(eveWs, "sketch.resume").path("code").asText());
            api.as(eve.accessToken()).get("/api/rooms/" + roomId + "/sketch").then().statusCode(403).body("code", equalTo("not_a_member"));
            api.as(eve.accessToken()).get("/api/rooms/" + roomId + "/sketch/ops").then().statusCode(403);
            assertTrue(eveWs.frames(op(roomId)).isEmpty());
            assertTrue(eveWs.frames(type("sketch.draw")).isEmpty());

            api.as(bob.accessToken()).get("/api/rooms/" + roomId + "/sketch").then().statusCode(200)
                    .body("seq", equalTo(6)).body("strokes.size()", equalTo(6))
                    .body("strokes[0].strokeId", equalTo(annWs.frames(op(roomId)).get(0).path("strokeId").asText()));
            api.as(bob.accessToken()).queryParam("atSeq", 2).get("/api/rooms/" + roomId + "/sketch").then().statusCode(200)
                    .body("seq", equalTo(2)).body("strokes.size()", equalTo(2));
            api.as(bob.accessToken()).queryParam("afterSeq", 4).get("/api/rooms/" + roomId + "/sketch/ops").then().statusCode(200)
                    .body("ops.seq", equalTo(List.of(5, 6))).body("hasMore", equalTo(false));
            api.as(bob.accessToken()).get("/api/rooms/" + roomId + "/sketch.svg").then().statusCode(200)
                    .contentType(startsWith("image/svg+xml")).body(containsString("<polyline"));
        }
    }

    @Test
    void undoOfAnotherUsersStrokeIsRefusedButTheOwnerMayAndRedoFollows() throws Exception {
        Api.Session owner = api.newUser("skown");
        Api.Session bob = api.newUser("skbo2");
        String roomId = createRoom(owner);
        api.join(bob, roomId);
        try (WsClient ownerWs = WsClient.connect(system.gatewayUrl(), owner.accessToken());
                WsClient bobWs = WsClient.connect(secondGateway.url(), bob.accessToken())) {
            ownerWs.await(type("welcome"));
            bobWs.await(type("welcome"));
            String ownerStroke = UUID.randomUUID().toString();
            ownerWs.send(stroke(roomId, ownerStroke, 10));
            ack(ownerWs, ownerStroke);
            long bobSeq = drawAcked(bobWs, roomId, 20);
            String bobStroke = bobWs.frames(f -> "sketch.ack".equals(f.path("type").asText())).get(0).path("strokeId").asText();
            assertEquals(2, bobSeq);

            bobWs.send(Map.of("type", "sketch.undo", "roomId", roomId, "strokeId", ownerStroke));
            assertEquals("forbidden", error(bobWs, ownerStroke).path("code").asText());

            ownerWs.send(Map.of("type", "sketch.undo", "roomId", roomId, "strokeId", bobStroke));
            JsonNode undone = bobWs.await(f -> "sketch.undo".equals(f.path("type").asText()));
            assertEquals(bobStroke, undone.path("strokeId").asText());
            assertEquals(3, undone.path("seq").asLong());
            assertEquals(owner.userId(), undone.path("userId").asText());

            bobWs.send(Map.of("type", "sketch.undo", "roomId", roomId));
            assertEquals("nothing_to_undo", error(bobWs, "sketch.undo").path("code").asText());
            ownerWs.send(Map.of("type", "sketch.redo", "roomId", roomId));
            JsonNode redone = bobWs.await(f -> "sketch.redo".equals(f.path("type").asText()));
            assertEquals(bobStroke, redone.path("strokeId").asText());
            ownerWs.send(Map.of("type", "sketch.clear", "roomId", roomId));
            assertEquals(5, bobWs.await(f -> "sketch.clear".equals(f.path("type").asText())).path("seq").asLong());
            api.as(bob.accessToken()).get("/api/rooms/" + roomId + "/sketch").then().body("strokes.size()", equalTo(0));
            api.as(bob.accessToken()).queryParam("atSeq", 4).get("/api/rooms/" + roomId + "/sketch").then()
                    .body("strokes.size()", equalTo(2));
        }
    }

    @Test
    void aResumeAfterADroppedConnectionFillsExactlyTheGap() throws Exception {
        Api.Session ann = api.newUser("skres");
        Api.Session bob = api.newUser("skre2");
        String roomId = createRoom(ann);
        api.join(bob, roomId);
        try (WsClient annWs = WsClient.connect(system.gatewayUrl(), ann.accessToken())) {
            annWs.await(type("welcome"));
            long seen;
            try (WsClient bobWs = WsClient.connect(secondGateway.url(), bob.accessToken())) {
                bobWs.await(type("welcome"));
                drawAcked(annWs, roomId, 1);
                drawAcked(annWs, roomId, 2);
                awaitOps(bobWs, roomId, 2);
                seen = opSeqs(bobWs, roomId).get(1);
            }
            for (int i = 0; i < 3; i++) {
                drawAcked(annWs, roomId, 10 + i);
            }
            try (WsClient back = WsClient.connect(secondGateway.url(), bob.accessToken())) {
                back.await(type("welcome"));
                back.send(Map.of("type", "sketch.resume", "roomId", roomId, "afterSeq", seen));
                JsonNode resumed = back.await(type("sketch.resumed"));
                assertEquals(5, resumed.path("seq").asLong());
                assertEquals(List.of(3L, 4L, 5L), opSeqs(back, roomId));
            }
        }
    }

    @Test
    void badSketchFramesGetErrorFramesAndTheConnectionStaysOpen() throws Exception {
        Api.Session ann = api.newUser("skbad");
        String roomId = createRoom(ann);
        try (WsClient ws = WsClient.connect(system.gatewayUrl(), ann.accessToken())) {
            ws.await(type("welcome"));
            List<List<Integer>> tooMany = new ArrayList<>();
            for (int i = 0; i < 2001; i++) {
                tooMany.add(List.of(i % 100, 1));
            }
            Map<String, Object> cases = Map.of(
                    "too-many", tooMany,
                    "out-of-range", List.of(List.of(10001, 5)),
                    "not-numbers", List.of(List.of("a", "b")));
            for (var entry : cases.entrySet()) {
                String strokeId = UUID.randomUUID().toString();
                ws.send(Map.of("type", "sketch.stroke", "roomId", roomId, "strokeId", strokeId, "color", "#000000", "width", 2,
                        "points", entry.getValue()));
                assertEquals("validation_failed", error(ws, strokeId).path("code").asText(), entry.getKey());
            }
            String badColour = UUID.randomUUID().toString();
            ws.send(Map.of("type", "sketch.stroke", "roomId", roomId, "strokeId", badColour, "color", "red", "width", 2,
                    "points", List.of(List.of(1, 1))));
            assertEquals("validation_failed", error(ws, badColour).path("code").asText());
            String badPreview = UUID.randomUUID().toString();
            ws.send(Map.of("type", "sketch.draw", "roomId", roomId, "strokeId", badPreview, "color", "#000000", "width", 999,
                    "points", List.of(List.of(1, 1))));
            assertEquals("validation_failed", error(ws, badPreview).path("code").asText());
            String unknownRoom = UUID.randomUUID().toString();
            ws.send(stroke(UUID.randomUUID().toString(), unknownRoom, 1));
            assertEquals("not_a_member", error(ws, unknownRoom).path("code").asText());
            ws.send("{\"type\":\"sketch.stroke\",\"roomId\":\"" + roomId + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            ws.await(f -> "error".equals(f.path("type").asText()) && "frame_too_large".equals(f.path("code").asText()));

            // A flood of points is refused past the budget (4000 a second, two seconds saved).
            List<List<Integer>> full = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                full.add(List.of(i, i));
            }
            for (int i = 0; i < 8; i++) {
                ws.send(Map.of("type", "sketch.draw", "roomId", roomId, "strokeId", UUID.randomUUID().toString(), "color", "#000000",
                        "width", 2, "points", full));
            }
            ws.await(f -> "rate_limited".equals(f.path("code").asText()));

            api.as(ann.accessToken()).get("/api/rooms/" + roomId + "/sketch").then().statusCode(200).body("seq", equalTo(0));
            api.as(ann.accessToken()).queryParam("atSeq", "x").get("/api/rooms/" + roomId + "/sketch").then().statusCode(400)
                    .body("code", equalTo("validation_failed"));
            ws.send(Map.of("type", "ping"));
            ws.await(type("pong"));
            assertFalse(ws.isClosed());
        }
    }

    @Test
    void everyAckedStrokeSurvivesASketchServiceKill() throws Exception {
        Api.Session ann = api.newUser("skdur");
        String roomId = createRoom(ann);
        try (WsClient ws = WsClient.connect(system.gatewayUrl(), ann.accessToken())) {
            ws.await(type("welcome"));
            List<Long> acked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acked.add(drawAcked(ws, roomId, i));
            }
            system.service("sketch-service").kill();
            system.restart("sketch-service");
            // Until the broker gives the dead process's partitions to the new one (its session timeout), calls to them
            // time out: the client resends the same strokeId until it is acknowledged, as the contract lets it.
            for (int i = 5; i < 8; i++) {
                acked.add(drawUntilAcked(ws, roomId, i, Duration.ofSeconds(100)));
            }
            assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), acked);
            api.as(ann.accessToken()).get("/api/rooms/" + roomId + "/sketch").then().statusCode(200)
                    .body("seq", equalTo(8)).body("strokes.size()", equalTo(8));
        }
    }

    @Test
    void deletingARoomDeletesItsCanvas() throws Exception {
        Api.Session ann = api.newUser("skdel");
        String roomId = createRoom(ann);
        try (WsClient ws = WsClient.connect(system.gatewayUrl(), ann.accessToken())) {
            ws.await(type("welcome"));
            drawAcked(ws, roomId, 1);
        }
        api.as(ann.accessToken()).delete("/api/rooms/" + roomId).then().statusCode(204);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                api.as(ann.accessToken()).get("/api/rooms/" + roomId + "/sketch").statusCode() == 404);
    }
}
