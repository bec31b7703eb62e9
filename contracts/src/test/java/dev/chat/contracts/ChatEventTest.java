package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent.MemberEvent;
import dev.chat.contracts.ChatEvent.Routing;

/** Events are the frames clients get: their JSON shape is the contract, field order included. */
class ChatEventTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aMemberEventIsTheMemberFrame() throws Exception {
        UUID room = UUID.fromString("00000000-0000-7000-8000-000000000001");
        UUID user = UUID.fromString("00000000-0000-7000-8000-000000000002");
        assertEquals("{\"type\":\"member\",\"roomId\":\"" + room + "\",\"userId\":\"" + user
                + "\",\"username\":\"ann\",\"event\":\"joined\",\"role\":\"owner\"}",
                mapper.writeValueAsString(new MemberEvent(room, user, "ann", ChatEvent.JOINED, ChatEvent.OWNER)));
        assertEquals("{\"type\":\"member\",\"roomId\":\"" + room + "\",\"userId\":\"" + user
                + "\",\"username\":\"ann\",\"event\":\"left\"}",
                mapper.writeValueAsString(new MemberEvent(room, user, "ann", ChatEvent.LEFT, null)));
    }

    @Test
    void routingReadsWhatItNeedsAndIgnoresTheRest() throws Exception {
        Routing routing = mapper.readValue("{\"type\":\"presence\",\"userId\":\"u\",\"status\":\"online\",\"roomIds\":[\"a\",\"b\"]}",
                Routing.class);
        assertEquals(ChatEvent.PRESENCE, routing.type());
        assertEquals(List.of("a", "b"), routing.roomIds());
        assertEquals(7L, mapper.readValue("{\"type\":\"message\",\"roomId\":\"r\",\"seq\":7,\"text\":\"hi\"}", Routing.class).seq());
    }
}
