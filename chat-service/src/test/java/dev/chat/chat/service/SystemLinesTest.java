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

/** Joins, leaves and room changes in the timeline, with seqs of their own; the owner's settings and who may change them. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class SystemLinesTest {

    @Inject
    ChannelService channels;

    @Inject
    MembershipService membership;

    @Inject
    MessageService messages;

    @Inject
    ChatFixture chat;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private ServiceReply update(Caller caller, String roomId, Object... settings) {
        Object[] pairs = new Object[settings.length + 2];
        pairs[0] = "roomId";
        pairs[1] = roomId;
        System.arraycopy(settings, 0, pairs, 2, settings.length);
        return chat.result(channels.update(caller, chat.json(pairs)));
    }

    private List<String> lines(Caller reader, String roomId) {
        List<String> lines = new ArrayList<>();
        for (JsonNode message : chat.history(reader, "roomId", roomId, "limit", 200).get("messages")) {
            lines.add(message.get("kind").asText() + ": " + message.get("text").asText());
        }
        return lines;
    }

    @Test
    void joinsAndLeavesAreLinesOfTheTimelineInOrderWithTheMessagesButNeverUnread() throws Exception {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            chat.send(owner, roomId, "m1", "welcome");
            chat.join(member, roomId);
            ServiceReply deleteLine = chat.result(messages.delete(member, chat.json("roomId", roomId, "seq", 2)));
            assertEquals("not_message_author", deleteLine.body().get("code").asText(), "a line is the room's record, not its actor's");
            chat.send(member, roomId, "m2", "hi all");
            chat.result(membership.leave(member, chat.json("roomId", roomId)));

            assertEquals(List.of("user: welcome", "system: " + member.username() + " joined", "user: hi all",
                    "system: " + member.username() + " left"), lines(owner, roomId));
            List<JsonNode> stream = events.during(Duration.ofSeconds(3),
                    record -> roomId.equals(record.key()) && record.value().contains("\"kind\":\"system\""));
            assertEquals(List.of(2L, 4L), stream.stream().map(line -> line.get("seq").asLong()).toList(),
                    "published like messages, with their seqs");
            assertEquals(member.userId(), stream.get(0).get("sender").get("id").asText());
        }
        assertEquals(1, chat.unread(owner, roomId), "only the member's message is unread, not the lines about them");
    }

    @Test
    void theOwnerChangesTopicAndRetentionAndMembersSeeWhatChanged() throws Exception {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        try (TopicReader events = new TopicReader(bootstrap, Topics.CHAT_EVENTS)) {
            ServiceReply updated = update(owner, roomId, "topic", "release week", "retention", chat.json("maxAgeDays", 30));
            assertEquals(200, updated.status());
            assertEquals("release week", updated.body().get("topic").asText());
            assertEquals(30, updated.body().get("retention").get("maxAgeDays").asInt());
            assertTrue(updated.body().get("systemLines").asBoolean());

            JsonNode event = events.await(record -> roomId.equals(record.key()) && record.value().contains("\"updated\""));
            assertEquals("room", event.get("type").asText());
            assertEquals("release week", event.get("topic").asText());
            assertEquals(30, event.get("retention").get("maxAgeDays").asInt());
        }
        String line = lines(member, roomId).get(lines(member, roomId).size() - 1);
        assertEquals("system: " + owner.username() + " changed the topic to \u201crelease week\u201d; set retention: messages are kept"
                + " for 30 days", line);

        assertEquals(200, update(owner, roomId, "topic", "", "retention", null).status());
        JsonNode room = chat.result(channels.get(member, chat.json("roomId", roomId))).body();
        assertFalse(room.has("topic"), "an empty topic clears it");
        assertFalse(room.has("retention"), "a null retention keeps everything again");
    }

    @Test
    void withSystemLinesOffNothingIsWrittenAndOnlyTheOwnerMayChangeSettings() {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        int before = lines(owner, roomId).size();

        assertEquals("not_room_owner", update(member, roomId, "topic", "mine").body().get("code").asText());
        assertFalse(update(owner, roomId, "systemLines", false).body().get("systemLines").asBoolean());
        chat.result(membership.leave(member, chat.json("roomId", roomId)));
        assertEquals(before, lines(owner, roomId).size(), "no line for the change that turned them off, nor for the leave");

        update(owner, roomId, "systemLines", true);
        assertEquals("system: " + owner.username() + " turned on lines for joins, leaves and room changes",
                lines(owner, roomId).get(before));
    }

    @Test
    void badSettingsAreRefusedFieldByField() {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        assertEquals("topic", update(owner, roomId).body().get("errors").get(0).get("field").asText(), "nothing to change");
        assertEquals("retention.maxMessages", update(owner, roomId, "retention", chat.json("maxMessages", 5))
                .body().get("errors").get(0).get("field").asText());
        assertEquals("retention.maxAgeDays", update(owner, roomId, "retention", chat.json("maxAgeDays", 0))
                .body().get("errors").get(0).get("field").asText());
        assertEquals(400, update(owner, roomId, "retention", "forever").status());
        assertEquals(400, update(owner, roomId, "systemLines", "yes").status());
        assertEquals(400, update(owner, roomId, "topic", "x".repeat(257)).status());
    }
}
