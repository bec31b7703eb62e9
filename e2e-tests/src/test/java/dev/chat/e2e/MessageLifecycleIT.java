package dev.chat.e2e;

import static dev.chat.e2e.ChatIT.ack;
import static dev.chat.e2e.ChatIT.error;
import static dev.chat.e2e.ChatIT.send;
import static dev.chat.e2e.WsClient.type;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.ServiceProcess;
import io.restassured.path.json.JsonPath;

/**
 * Editing and deleting messages end to end, across two gateway instances: the changes reach every member in order with
 * the messages, history and resume keep a deleted message's seq, and only the author (or, to delete, the owner) may.
 */
class MessageLifecycleIT {

    static RunningSystem system;
    static Api api;
    static ServiceProcess secondGateway;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        secondGateway = system.gateway(1);
    }

    /** A public room of {@code owner} that {@code members} joined (its own: ConversationsIT's needs that class started). */
    private static String publicRoom(Api.Session owner, Api.Session... members) {
        String roomId = api.createRoom(owner, "room ");
        for (Api.Session member : members) {
            api.as(member.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(200);
        }
        return roomId;
    }

    private static boolean isMessageFrame(JsonNode frame, String roomId) {
        return frame.path("type").asText().startsWith("message") && roomId.equals(frame.path("roomId").asText());
    }

    @Test
    void editsAndDeletionsReachTheOtherGatewayInOrderWithTheMessages() throws Exception {
        Api.Session author = api.newUser("author");
        Api.Session reader = api.newUser("reader");
        String roomId = publicRoom(author, reader);
        try (WsClient a = WsClient.connect(system.gatewayUrl(), author.accessToken());
                WsClient r = WsClient.connect(secondGateway.url(), reader.accessToken())) {
            a.await(type("welcome"));
            r.await(type("welcome"));
            a.send(send(roomId, "m1", "helo"));
            long first = ack(a, "m1").path("seq").asLong();
            a.send(Map.of("type", "edit", "roomId", roomId, "seq", first, "text", "hello"));
            a.send(send(roomId, "m2", "oops"));
            long second = ack(a, "m2").path("seq").asLong();
            a.send(Map.of("type", "delete", "roomId", roomId, "seq", second));
            a.send(send(roomId, "m3", "after"));
            long third = ack(a, "m3").path("seq").asLong();
            r.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == third);

            List<String> seen = r.frames(f -> isMessageFrame(f, roomId)).stream()
                    .map(f -> f.path("type").asText() + " " + f.path("seq").asLong()).toList();
            assertEquals(List.of("message " + first, "message.edited " + first, "message " + second, "message.deleted " + second,
                    "message " + third), seen);
            JsonNode edited = r.await(type("message.edited"));
            assertEquals("hello", edited.path("text").asText());
            assertTrue(edited.hasNonNull("editedAt"));
            // The author's own connection gets the changes too: that is how every tab shows them.
            a.await(type("message.deleted"));

            r.send(Map.of("type", "edit", "roomId", roomId, "seq", first, "text", "mine now"));
            assertEquals("not_message_author", error(r, "edit").path("code").asText());
            r.send(Map.of("type", "delete", "roomId", roomId, "seq", "two"));
            assertEquals("validation_failed", error(r, "delete").path("code").asText());
        }

        JsonPath page = api.as(reader.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(1, 2, 3), page.getList("messages.seq"));
        assertEquals("hello", page.getString("messages[0].text"));
        assertTrue(page.getBoolean("messages[1].deleted"));
        assertNull(page.getString("messages[1].text"));
    }

    @Test
    void overRestTooAndAResumeReplaysTheDeletedSeqAsDeleted() throws Exception {
        Api.Session owner = api.newUser("owner");
        Api.Session member = api.newUser("member");
        String roomId = publicRoom(owner, member);
        api.postMessage(member, roomId, "c1", "first").then().statusCode(201);
        api.postMessage(member, roomId, "c2", "second").then().statusCode(201);

        api.as(member.accessToken()).body(Map.of("text", "first, fixed")).patch("/api/rooms/" + roomId + "/messages/1")
                .then().statusCode(200).body("text", equalTo("first, fixed")).body("editedAt", notNullValue());
        api.as(owner.accessToken()).body(Map.of("text", "not mine")).patch("/api/rooms/" + roomId + "/messages/1")
                .then().statusCode(403).body("code", equalTo("not_message_author"));
        api.as(member.accessToken()).body(Map.of("text", " ")).patch("/api/rooms/" + roomId + "/messages/1")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        api.as(member.accessToken()).body(Map.of("text", "x")).patch("/api/rooms/" + roomId + "/messages/99")
                .then().statusCode(404);
        // The owner removes a member's message; the member cannot remove the owner's.
        api.as(owner.accessToken()).delete("/api/rooms/" + roomId + "/messages/2").then().statusCode(204);
        api.as(member.accessToken()).body(Map.of("text", "back?")).patch("/api/rooms/" + roomId + "/messages/2")
                .then().statusCode(409).body("code", equalTo("message_deleted"));

        try (WsClient late = WsClient.connect(secondGateway.url(), member.accessToken())) {
            late.await(type("welcome"));
            late.send(Map.of("type", "resume", "positions", Map.of(roomId, 0)));
            late.await(type("resumed"));
            assertEquals(List.of(1L, 2L), late.seqs(roomId));
            JsonNode replayedFirst = late.messages(roomId).get(0);
            assertEquals("first, fixed", replayedFirst.path("text").asText());
            assertTrue(replayedFirst.hasNonNull("editedAt"));
            JsonNode replayedSecond = late.messages(roomId).get(1);
            assertTrue(replayedSecond.path("deleted").asBoolean());
            assertFalse(replayedSecond.has("text"));
        }
    }

    @Test
    void reactionsReachTheOtherGatewayWithTheirCountAndStayInHistory() throws Exception {
        Api.Session author = api.newUser("author");
        Api.Session reader = api.newUser("reader");
        String roomId = publicRoom(author, reader);
        try (WsClient a = WsClient.connect(system.gatewayUrl(), author.accessToken());
                WsClient r = WsClient.connect(secondGateway.url(), reader.accessToken())) {
            a.await(type("welcome"));
            r.await(type("welcome"));
            a.send(send(roomId, "m1", "ship it?"));
            long seq = ack(a, "m1").path("seq").asLong();
            a.send(Map.of("type", "react", "roomId", roomId, "seq", seq, "emoji", "🚀"));
            JsonNode seen = r.await(f -> "reaction".equals(f.path("type").asText()) && f.path("count").asLong() == 1);
            assertEquals(seq, seen.path("seq").asLong());
            assertEquals("🚀", seen.path("emoji").asText());
            assertEquals(author.userId(), seen.path("userId").asText());
            assertTrue(seen.path("on").asBoolean());

            api.as(reader.accessToken()).body(Map.of("emoji", "🚀")).post("/api/rooms/" + roomId + "/messages/" + seq + "/reactions")
                    .then().statusCode(200).body("count", equalTo(2)).body("on", equalTo(true));
            a.await(f -> "reaction".equals(f.path("type").asText()) && f.path("count").asLong() == 2);
            // RestAssured encodes path parameters: the emoji travels URL-encoded, as the contract asks.
            api.as(reader.accessToken()).delete("/api/rooms/{roomId}/messages/{seq}/reactions/{emoji}", roomId, seq, "🚀")
                    .then().statusCode(200).body("count", equalTo(1)).body("on", equalTo(false));
            a.await(f -> "reaction".equals(f.path("type").asText()) && !f.path("on").asBoolean());

            r.send(Map.of("type", "react", "roomId", roomId, "seq", seq, "emoji", "lol"));
            assertEquals("validation_failed", error(r, "react").path("code").asText());
        }
        api.as(author.accessToken()).body(Map.of("emoji", "nope")).post("/api/rooms/" + roomId + "/messages/1/reactions")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        JsonPath page = api.as(author.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Map.of("🚀", 1), page.getMap("messages[0].reactions"));
        assertEquals(List.of("🚀"), page.getList("messages[0].myReactions"));
    }

    @Test
    void searchFindsOnlyInTheCallersRoomsAndGivesTheSeqToJumpTo() {
        Api.Session owner = api.newUser("owner");
        Api.Session member = api.newUser("member");
        Api.Session outsider = api.newUser("outsider");
        String roomId = publicRoom(owner, member);
        String word = "kiwi" + Long.toString(System.nanoTime(), 36).replaceAll("[^a-z0-9]", "");
        api.postMessage(owner, roomId, "s1", "the " + word + " release is out").then().statusCode(201);
        api.postMessage(owner, roomId, "s2", "unrelated").then().statusCode(201);

        JsonPath found = api.as(member.accessToken()).queryParam("q", word.substring(0, word.length() - 2)).get("/api/search")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1), found.getList("messages.seq"), "a prefix of the word finds it, with its seq");
        assertEquals(roomId, found.getString("messages[0].roomId"));
        assertFalse(found.getBoolean("hasMore"));
        api.as(outsider.accessToken()).queryParam("q", word).get("/api/search")
                .then().statusCode(200).body("messages.size()", equalTo(0));
        api.as(outsider.accessToken()).queryParam("q", word).queryParam("roomId", roomId).get("/api/search")
                .then().statusCode(403).body("code", equalTo("not_a_member"));
        api.as(member.accessToken()).queryParam("q", "  ").get("/api/search")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void anOwnersRetentionEvictsOldMessagesAndAResumeAcrossTheGapSaysSo() throws Exception {
        Api.Session owner = api.newUser("owner");
        Api.Session member = api.newUser("member");
        String roomId = publicRoom(owner, member);
        try (WsClient m = WsClient.connect(secondGateway.url(), member.accessToken())) {
            m.await(type("welcome"));
            api.as(owner.accessToken()).body(Map.of("topic", "keep it short", "retention", Map.of("maxMessages", 10), "systemLines", true))
                    .patch("/api/rooms/" + roomId).then().statusCode(200)
                    .body("retention.maxMessages", equalTo(10)).body("systemLines", equalTo(true));
            JsonNode updated = m.await(f -> "room".equals(f.path("type").asText()) && "updated".equals(f.path("event").asText()));
            assertEquals("keep it short", updated.path("topic").asText());
            JsonNode line = m.await(f -> "message".equals(f.path("type").asText()) && "system".equals(f.path("kind").asText())
                    && f.path("text").asText().contains("retention"));
            assertTrue(line.path("text").asText().startsWith(owner.username() + " changed the topic"), line.toString());
        }
        api.as(member.accessToken()).body(Map.of("topic", "mine")).patch("/api/rooms/" + roomId)
                .then().statusCode(403).body("code", equalTo("not_room_owner"));
        long kept;
        try (WsClient watching = WsClient.connect(system.gatewayUrl(), member.accessToken())) {
            watching.await(type("welcome"));
            for (int i = 0; i < 20; i++) {
                api.postMessage(owner, roomId, "r" + i, "message " + i).then().statusCode(201);
            }
            long lastSeq = api.as(owner.accessToken()).get("/api/rooms/" + roomId).then().statusCode(200).extract().jsonPath()
                    .getLong("lastSeq");
            kept = lastSeq - 9;
            JsonPath page = Awaitility.await("eviction").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.as(member.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                            .extract().jsonPath(), p -> p.getList("messages").size() == 10);
            assertEquals(kept, page.getLong("evictedBefore"));
            // A connected member hears of it too, and drops what it holds below.
            watching.await(f -> "room".equals(f.path("type").asText()) && "evicted".equals(f.path("event").asText())
                    && f.path("evictedBefore").asLong() == kept);
        }
        long lastSeq = kept + 9;

        try (WsClient late = WsClient.connect(secondGateway.url(), member.accessToken())) {
            late.await(type("welcome"));
            late.send(Map.of("type", "resume", "positions", Map.of(roomId, 2)));
            JsonNode resumed = late.await(type("resumed"));
            assertEquals(kept, resumed.path("evicted").path(roomId).asLong(), "the jump is named, not silent");
            assertEquals(kept, late.seqs(roomId).get(0).longValue());
            assertEquals(lastSeq, late.seqs(roomId).get(late.seqs(roomId).size() - 1).longValue());
        }
    }
}
