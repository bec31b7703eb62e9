package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
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

/** Reactions: one per member, emoji and message; counts in history, events with the count on the room's stream. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class ReactionTest {

    @Inject
    ReactionService reactions;

    @Inject
    MessageService messages;

    @Inject
    ChatFixture chat;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private ServiceReply react(Caller caller, String roomId, Object seq, String emoji, boolean on) {
        return chat.result(reactions.react(caller, chat.json("roomId", roomId, "seq", seq, "emoji", emoji, "on", on)));
    }

    private JsonNode message(Caller reader, String roomId, long seq) {
        for (JsonNode message : chat.history(reader, "roomId", roomId, "limit", 200).get("messages")) {
            if (message.get("seq").asLong() == seq) {
                return message;
            }
        }
        throw new AssertionError("seq " + seq + " not in history");
    }

    @Test
    void countsAreInHistoryAndEachReaderSeesTheirOwn() throws Exception {
        Caller author = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        chat.join(member, roomId);
        long seq = chat.send(author, roomId, "m1", "lunch?").body().get("seq").asLong();
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            ServiceReply first = react(author, roomId, seq, "👍", true);
            assertEquals(200, first.status());
            assertEquals(1, first.body().get("count").asLong());
            assertEquals(2, react(member, roomId, seq, "👍", true).body().get("count").asLong());
            assertEquals(2, react(member, roomId, seq, "👍", true).body().get("count").asLong(), "a second time changes nothing");
            assertEquals(1, react(member, roomId, seq, "🎉", true).body().get("count").asLong());

            List<JsonNode> stream = events.during(Duration.ofSeconds(3),
                    record -> roomId.equals(record.key()) && record.value().contains("\"type\":\"reaction\""));
            assertEquals(List.of(1L, 2L, 1L), stream.stream().map(e -> e.get("count").asLong()).toList(),
                    "one event per change, none for the repeat");
            assertEquals(member.userId(), stream.get(1).get("userId").asText());
            assertTrue(stream.get(1).get("on").asBoolean());
        }
        JsonNode seenByAuthor = message(author, roomId, seq);
        assertEquals(2, seenByAuthor.get("reactions").get("👍").asLong());
        assertEquals(1, seenByAuthor.get("reactions").get("🎉").asLong());
        assertEquals(List.of("👍", "🎉"), fieldNames(seenByAuthor.get("reactions")), "in the order first used");
        assertEquals("[\"👍\"]", seenByAuthor.get("myReactions").toString());
        assertEquals("[\"👍\",\"🎉\"]", message(member, roomId, seq).get("myReactions").toString());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void takingAReactionBackLowersTheCountAndTheLastOneLeavesNoTrace() {
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        long seq = chat.send(author, roomId, "m1", "hi").body().get("seq").asLong();
        react(author, roomId, seq, "❤️", true);

        ServiceReply off = react(author, roomId, seq, "❤️", false);
        assertEquals(0, off.body().get("count").asLong());
        assertFalse(off.body().get("on").asBoolean());
        assertEquals(0, react(author, roomId, seq, "❤️", false).body().get("count").asLong(), "taking back twice is harmless");
        JsonNode stored = message(author, roomId, seq);
        assertFalse(stored.has("reactions"));
        assertFalse(stored.has("myReactions"));
    }

    @Test
    void onlyMembersReactWithOneEmojiToALiveMessage() {
        Caller author = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        long seq = chat.send(author, roomId, "m1", "hi").body().get("seq").asLong();

        ServiceReply text = react(author, roomId, seq, "lol", true);
        assertEquals(400, text.status());
        assertEquals("emoji", text.body().get("errors").get(0).get("field").asText());
        assertEquals(400, react(author, roomId, seq, "👍👍", true).status());
        assertEquals(400, chat.result(reactions.react(author, chat.json("roomId", roomId, "seq", seq, "emoji", "👍", "on", "yes")))
                .status());
        assertEquals("not_a_member", react(stranger, roomId, seq, "👍", true).body().get("code").asText());
        assertEquals(404, react(author, roomId, seq + 9, "👍", true).status());

        react(author, roomId, seq, "👍", true);
        chat.result(messages.delete(author, chat.json("roomId", roomId, "seq", seq)));
        assertEquals("message_deleted", react(author, roomId, seq, "👍", true).body().get("code").asText());
        assertFalse(message(author, roomId, seq).has("reactions"), "a deleted message's reactions go with its text");
    }

    @Test
    void aMessageCarriesAtMostTwentyDifferentEmojiButAnyoneMayJoinOneThere() {
        Caller author = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        chat.join(member, roomId);
        long seq = chat.send(author, roomId, "m1", "vote").body().get("seq").asLong();
        for (int i = 0; i < 20; i++) {
            Caller voter = chat.newUser();
            chat.join(voter, roomId);
            assertEquals(200, react(voter, roomId, seq, Character.toString(0x1F600 + i), true).status());
        }
        assertEquals("reaction_limit", react(member, roomId, seq, "🚀", true).body().get("code").asText());
        assertEquals(2, react(member, roomId, seq, Character.toString(0x1F600), true).body().get("count").asLong());
        assertEquals(20, message(author, roomId, seq).get("reactions").size());
    }
}
