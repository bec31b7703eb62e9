package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.ServiceProcess;
import io.restassured.RestAssured;

/**
 * One client must not hurt others (issue 14): a reader that never reads, a client that answers no ping, a join while
 * connected, a resume from the start of a long room, resume floods, too many sockets. Each against a gateway with
 * small limits of its own, except the join, which needs none.
 */
class IsolationIT {

    static RunningSystem system;
    static Api api;
    /**
     * Small limits: 1,000,000 unsent bytes, 5 messages per resume, 4 resumes a minute, 3 sockets, 16 client frames
     * waiting per connection. Pings keep their 30 s: a reader that never reads answers no ping either, and with pings
     * every second it was closed as unresponsive (4001) before a loaded machine had filled its socket. Previews are
     * never dropped as stale here, so every one of the flood reaches the socket that does not read.
     */
    static ServiceProcess strict;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        strict = system.startPrivateGateway(Map.of(
                "chat.gateway.websocket.max-unsent-bytes", "1000000",
                "chat.gateway.websocket.sketch-points-per-second", "10000000",
                "chat.gateway.websocket.sketch-preview-max-age", "PT10M",
                "chat.gateway.websocket.resume-max-messages", "5",
                "chat.gateway.websocket.resumes-per-minute", "4",
                "chat.gateway.websocket.max-connections-per-user", "3",
                "chat.gateway.websocket.max-pending-frames", "16"));
    }

    @AfterAll
    static void stop() {
        if (strict != null) {
            strict.close();
        }
    }

    static String createRoom(Api.Session owner) {
        return api.createRoom(owner, "iso ");
    }

    static void post(Api.Session sender, String roomId, String text) {
        api.postMessage(sender, roomId, UUID.randomUUID().toString(), text);
    }

    static double metric(ServiceProcess gateway, String name) {
        String metrics = RestAssured.given().get(gateway.url() + "/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(2)) : 0;
    }

    @Test
    void aReaderThatNeverReadsIsClosedWith1013AndTheOthersKeepReceiving() throws Exception {
        Api.Session drawer = api.newUser("isodraw");
        Api.Session stalled = api.newUser("isostall");
        Api.Session watcher = api.newUser("isowatch");
        String roomId = createRoom(drawer);
        api.join(stalled, roomId);
        api.join(watcher, roomId);
        List<List<Integer>> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            points.add(List.of(i, 10_000 - i));
        }
        try (RawWebSocket never = RawWebSocket.connect(strict.url(), stalled.accessToken(), 4096);
                WsClient good = WsClient.connect(strict.url(), watcher.accessToken());
                WsClient flood = WsClient.connect(strict.url(), drawer.accessToken())) {
            good.await(type("welcome"));
            flood.await(type("welcome"));
            double closedBefore = metric(strict, "chat_gateway_websocket_slow_readers_closed_total");
            // Up to ~18 MB of previews, ~4 MB a second: far more than the kernel's buffers hold for a socket nobody
            // reads, at a pace a reading client keeps up with on a busy machine.
            long flooding = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (int j = 0; j < 10; j++) {
                    flood.send(Map.of("type", "sketch.draw", "roomId", roomId, "strokeId", UUID.randomUUID().toString(),
                            "color", "#000000", "width", 3, "points", points));
                }
                return metric(strict, "chat_gateway_websocket_slow_readers_closed_total") > closedBefore;
            });
            System.out.printf("[isolation] the stalled reader was closed after %.1f s of flooding%n", (System.nanoTime() - flooding) / 1e9);
            assertEquals(1013, never.readUntilClose(Duration.ofSeconds(30)), "closed with Try Again Later");
            assertFalse(good.isClosed(), "the member who reads was not taken for a slow one");

            flood.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "after-flood", "text", "still here?"));
            JsonNode message = good.await(f -> "message".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()),
                    Duration.ofSeconds(20));
            assertEquals("still here?", message.path("text").asText());
            assertFalse(good.isClosed());
            assertTrue(good.frames(type("sketch.draw")).size() > 0, "the reading member got previews all along");
        }
    }

    @Test
    void pongsTheServerDidNotAskForDoNotKeepAnUnresponsiveClient() throws Exception {
        Api.Session user = api.newUser("isopong");
        // Pings every second, on a gateway of this test's own: three seconds without an answer close a connection.
        ServiceProcess impatient = system.startPrivateGateway(Map.of("chat.gateway.websocket.ping-interval", "PT1S"));
        try (impatient; RawWebSocket silent = RawWebSocket.connect(impatient.url(), user.accessToken(), 65536)) {
            // Never reads (so never answers a ping), but sends pongs of its own every 300 ms: pings go out every second,
            // and three seconds without the answer to one close the connection.
            double closedBefore = metric(impatient, "chat_gateway_websocket_unresponsive_closed_total");
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                silent.send(RawWebSocket.PONG, "not-an-answer".getBytes(StandardCharsets.US_ASCII));
                return metric(impatient, "chat_gateway_websocket_unresponsive_closed_total") > closedBefore;
            });
            assertEquals(4001, silent.readUntilClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aRoomJoinedWhileConnectedIsFollowedFromItsNextMessageNotItsFirst() throws Exception {
        Api.Session owner = api.newUser("isoown");
        Api.Session joiner = api.newUser("isojoin");
        String roomId = createRoom(owner);
        for (int i = 1; i <= 12; i++) {
            post(owner, roomId, "before " + i);
        }
        try (WsClient ws = WsClient.connect(system.gatewayUrl(), joiner.accessToken())) {
            ws.await(type("welcome"));
            api.join(joiner, roomId);
            ws.await(f -> "member".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()));
            post(owner, roomId, "after the join");
            ws.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 13);
            // A gap filled from history would have come before 13, which waits for it: nothing more can come now.
            assertEquals(List.of(13L), ws.seqs(roomId), "only what came after the join, not the room's history");
        }
    }

    @Test
    void aResumeSendsAtMostItsCapAndNamesTheRoomAsPartial() throws Exception {
        Api.Session owner = api.newUser("isores");
        String roomId = createRoom(owner);
        for (int i = 1; i <= 12; i++) {
            post(owner, roomId, "history " + i);
        }
        try (WsClient ws = WsClient.connect(strict.url(), owner.accessToken())) {
            ws.await(type("welcome"));
            ws.send(Map.of("type", "resume", "positions", Map.of(roomId, 0)));
            JsonNode resumed = ws.await(type("resumed"));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ws.seqs(roomId));
            assertEquals(5, resumed.path("partial").path(roomId).asLong());
            post(owner, roomId, "live again");
            ws.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 13);
            // Were the rest streamed, 6..12 would have come before 13 (a live message waits for its gap).
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 13L), ws.seqs(roomId), "the rest is left to history, not streamed");
        }
    }

    @Test
    void aFloodOfFramesIsRefusedPastTheQueueBoundAndTheConnectionStillAnswers() throws Exception {
        Api.Session owner = api.newUser("isoburst");
        Api.Session other = api.newUser("isocalm");
        String roomId = createRoom(owner);
        api.join(other, roomId);
        try (WsClient burst = WsClient.connect(strict.url(), owner.accessToken());
                WsClient calm = WsClient.connect(strict.url(), other.accessToken())) {
            burst.await(type("welcome"));
            calm.await(type("welcome"));
            double refusedBefore = metric(strict, "chat_gateway_websocket_frames_refused_total");
            // Each read is a round trip to chat-service, so 400 written at once pile up behind the first.
            for (int i = 0; i < 400; i++) {
                burst.send(Map.of("type", "read", "roomId", roomId, "seq", 0));
            }
            JsonNode refused = burst.await(f -> "error".equals(f.path("type").asText()) && "read".equals(f.path("ref").asText()));
            assertEquals("rate_limited", refused.path("code").asText());
            assertTrue(metric(strict, "chat_gateway_websocket_frames_refused_total") > refusedBefore);

            // What was accepted is handled in order, and the connection goes on: a ping after the flood is answered,
            // a send is acknowledged and reaches the other member on the same gateway. Each is sent again if it finds
            // the queue still full, as the refusal asks (the reads ahead of it may take a while on a busy machine).
            sendUntilAnswered(burst, Map.of("type", "ping"), "ping", f -> "pong".equals(f.path("type").asText()));
            Map<String, Object> send = Map.of("type", "send", "roomId", roomId, "clientMsgId", "after-burst", "text", "after the burst");
            sendUntilAnswered(burst, send, "after-burst",
                    f -> "ack".equals(f.path("type").asText()) && "after-burst".equals(f.path("clientMsgId").asText()));
            JsonNode seen = calm.await(f -> "message".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()),
                    Duration.ofSeconds(20));
            assertEquals("after the burst", seen.path("text").asText());
            assertFalse(burst.isClosed());
        }
    }

    /** Sends the frame until it is answered as {@code answered} says, again after each rate_limited refusal of it. */
    static void sendUntilAnswered(WsClient ws, Object frame, String ref, Predicate<JsonNode> answered) {
        Predicate<JsonNode> refused = f -> "error".equals(f.path("type").asText()) && ref.equals(f.path("ref").asText())
                && "rate_limited".equals(f.path("code").asText());
        AtomicInteger refusalsSeen = new AtomicInteger();
        ws.send(frame);
        Awaitility.await(ref + " answered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int refusals = ws.frames(refused).size();
            if (refusals > refusalsSeen.get()) {
                refusalsSeen.set(refusals);
                ws.send(frame);
            }
            return !ws.frames(answered).isEmpty();
        });
    }

    @Test
    void resumesAreRateLimitedPerConnection() throws Exception {
        Api.Session user = api.newUser("isoflood");
        try (WsClient ws = WsClient.connect(strict.url(), user.accessToken())) {
            ws.await(type("welcome"));
            for (int i = 0; i < 5; i++) {
                ws.send(Map.of("type", "resume", "positions", Map.of()));
            }
            JsonNode refused = ws.await(f -> "error".equals(f.path("type").asText()) && "resume".equals(f.path("ref").asText()));
            assertEquals("rate_limited", refused.path("code").asText());
            assertEquals(4, ws.frames(type("resumed")).size());
        }
    }

    @Test
    void aUserHasAtMostTheSocketsTheLimitAllows() throws Exception {
        Api.Session user = api.newUser("isotabs");
        List<WsClient> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                WsClient tab = WsClient.connect(strict.url(), user.accessToken());
                tabs.add(tab);
                tab.await(type("welcome"));
            }
            // Read off the bare socket: the refusal comes the moment the socket opens, before a client library may
            // have put its handlers in place.
            try (RawWebSocket oneTooMany = RawWebSocket.connect(strict.url(), user.accessToken(), 65536)) {
                String refusal = oneTooMany.readTextOrClose(Duration.ofSeconds(10));
                assertTrue(refusal != null && refusal.contains("\"too_many_connections\""), String.valueOf(refusal));
                assertEquals("close:1008", oneTooMany.readTextOrClose(Duration.ofSeconds(10)));
            }
            api.as(user.accessToken()).get("/api/users/me").then().statusCode(200).body("id", equalTo(user.userId()));
        } finally {
            tabs.forEach(WsClient::close);
        }
    }
}
