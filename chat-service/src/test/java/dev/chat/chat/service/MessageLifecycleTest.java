package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.TopicReader;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Editing and deleting stored messages: who may, what history keeps, and the events on the room's stream. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class MessageLifecycleTest {

    @Inject
    MessageService messages;

    @Inject
    ChatFixture chat;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private ServiceReply edit(Caller caller, String roomId, Object seq, String text) {
        return chat.result(messages.edit(caller, chat.json("roomId", roomId, "seq", seq, "text", text)));
    }

    private ServiceReply delete(Caller caller, String roomId, Object seq) {
        return chat.result(messages.delete(caller, chat.json("roomId", roomId, "seq", seq)));
    }

    private JsonNode message(Caller caller, String roomId, long seq) {
        for (JsonNode message : chat.history(caller, "roomId", roomId, "limit", 200).get("messages")) {
            if (message.get("seq").asLong() == seq) {
                return message;
            }
        }
        throw new AssertionError("seq " + seq + " not in history");
    }

    @Test
    void theAuthorsEditIsInHistoryWithItsTimeAndOnTheRoomsStreamAfterTheMessage() throws Exception {
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            long seq = chat.send(author, roomId, "m1", "helo").body().get("seq").asLong();
            ServiceReply edited = edit(author, roomId, seq, "hello");

            assertEquals(200, edited.status());
            assertEquals("hello", edited.body().get("text").asText());
            assertTrue(edited.body().hasNonNull("editedAt"));
            JsonNode stored = message(author, roomId, seq);
            assertEquals("hello", stored.get("text").asText());
            assertEquals(edited.body().get("editedAt"), stored.get("editedAt"));
            assertFalse(stored.has("deleted"), "an edited message is not deleted");

            List<JsonNode> stream = events.during(Duration.ofSeconds(3),
                    record -> roomId.equals(record.key()) && record.value().contains("\"type\":\"message"));
            assertEquals(List.of("message", "message.edited"), stream.stream().map(e -> e.get("type").asText()).toList(),
                    "the edit follows the message on the room's partition");
            assertEquals(seq, stream.get(1).get("seq").asLong());
            assertEquals("hello", stream.get(1).get("text").asText());
        }
    }

    @Test
    void onlyTheAuthorEditsAndOnlyMembersTry() {
        Caller author = chat.newUser();
        Caller member = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        chat.join(member, roomId);
        long seq = chat.send(author, roomId, "m1", "mine").body().get("seq").asLong();

        assertEquals("not_message_author", edit(member, roomId, seq, "yours now").body().get("code").asText());
        assertEquals("not_a_member", edit(stranger, roomId, seq, "hi").body().get("code").asText());
        assertEquals(404, edit(author, roomId, seq + 5, "nothing there").status());
        assertEquals("mine", message(author, roomId, seq).get("text").asText());
    }

    @Test
    void badEditsAreRefusedFieldByField() {
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        ServiceReply blank = edit(author, roomId, 1, "   ");
        assertEquals(400, blank.status());
        assertEquals("validation_failed", blank.body().get("code").asText());
        assertEquals(400, chat.result(messages.edit(author, chat.json("roomId", roomId, "text", "no seq"))).status());
        assertEquals(400, edit(author, roomId, -1, "negative").status());
        assertEquals(400, edit(author, roomId, 1, "x".repeat(4001)).status());
    }

    @Test
    void aDeletedMessageKeepsItsSeqWithoutItsTextAndStaysDeleted() throws Exception {
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        chat.send(author, roomId, "m1", "first");
        long seq = chat.send(author, roomId, "m2", "regret").body().get("seq").asLong();
        chat.send(author, roomId, "m3", "third");
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            assertEquals(204, delete(author, roomId, seq).status());

            JsonNode deleted = events.await(record -> roomId.equals(record.key()) && record.value().contains("message.deleted"));
            assertEquals(seq, deleted.get("seq").asLong());
            assertFalse(deleted.has("text"));
        }
        JsonNode page = chat.history(author, "roomId", roomId);
        assertEquals(List.of(1L, 2L, 3L), ChatFixture.seqs(page), "seqs stay gapless");
        JsonNode gone = message(author, roomId, seq);
        assertTrue(gone.get("deleted").asBoolean());
        assertFalse(gone.has("text"), "no text left");
        assertEquals("message_deleted", edit(author, roomId, seq, "undo?").body().get("code").asText());
        assertEquals(204, delete(author, roomId, seq).status(), "deleting again answers as the first time");
    }

    @Test
    void theRoomsOwnerDeletesAnyonesMessageAMemberOnlyTheirOwn() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        Caller other = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        chat.join(other, roomId);
        long byMember = chat.send(member, roomId, "m1", "spam").body().get("seq").asLong();
        long byOwner = chat.send(owner, roomId, "m2", "rules").body().get("seq").asLong();

        assertEquals("not_message_author", delete(other, roomId, byMember).body().get("code").asText());
        assertEquals("not_message_author", delete(member, roomId, byOwner).body().get("code").asText());
        assertEquals(204, delete(owner, roomId, byMember).status());
        assertTrue(message(owner, roomId, byMember).get("deleted").asBoolean());
        assertFalse(message(owner, roomId, byOwner).has("deleted"));
    }

    @Test
    void aDeletedMessageIsNoLongerUnread() {
        Caller reader = chat.newUser();
        Caller writer = chat.newUser();
        String roomId = chat.createRoom(reader, "public", null);
        chat.join(writer, roomId);
        chat.send(writer, roomId, "m1", "one");
        long seq = chat.send(writer, roomId, "m2", "two").body().get("seq").asLong();
        chat.send(writer, roomId, "m3", "three");
        assertEquals(3, chat.unread(reader, roomId));

        delete(writer, roomId, seq);
        assertEquals(2, chat.unread(reader, roomId));
    }
}
