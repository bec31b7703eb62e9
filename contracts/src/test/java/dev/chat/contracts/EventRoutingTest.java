package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent.Routing;

/** A gateway routes by headers exactly as it would by reading the event's JSON. */
class EventRoutingTest {

    private static final UUID ROOM = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID USER = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final UUID OWNER = UUID.fromString("00000000-0000-7000-8000-000000000003");

    private final ObjectMapper mapper = new ObjectMapper();

    private static Routing throughHeaders(ChatEvent event) {
        RecordHeaders headers = new RecordHeaders();
        EventRouting.write(EventRouting.of(event), headers);
        return EventRouting.read(headers);
    }

    /** What the JSON says, less the member's role, which no gateway routes by and the headers leave out. */
    private Routing fromJson(ChatEvent event) throws Exception {
        Routing parsed = mapper.readValue(mapper.writeValueAsBytes(event), Routing.class);
        return new Routing(parsed.type(), parsed.roomId(), parsed.seq(), parsed.userId(), parsed.event(), parsed.toUserId(),
                parsed.roomIds(), null);
    }

    @Test
    void everyRoomEventRoutesByHeadersAsByItsJson() throws Exception {
        List<ChatEvent> events = List.of(
                new ChatEvent.MessageEvent(UUID.randomUUID(), ROOM, 42, new ChatEvent.Sender(USER, "ann"), "hi", "text", "c1", null,
                        List.of()),
                new ChatEvent.MemberEvent(ROOM, USER, "ann", ChatEvent.JOINED, ChatEvent.OWNER),
                new ChatEvent.MemberEvent(ROOM, USER, "ann", ChatEvent.LEFT, null),
                new ChatEvent.RoomEvent(ROOM, ChatEvent.DELETED),
                new ChatEvent.ReadEvent(ROOM, USER, 7),
                new ChatEvent.JoinRequestEvent(ROOM, USER, "ann", OWNER),
                new ChatEvent.SystemNotice(ROOM, "declined", USER),
                new ChatEvent.TypingEvent(ROOM.toString(), USER.toString(), "ann"));
        for (ChatEvent event : events) {
            assertEquals(fromJson(event), throughHeaders(event), event.type());
        }
    }

    @Test
    void presenceCarriesNoRoutingHeadersItsRoomsStayInTheBody() {
        RecordHeaders headers = new RecordHeaders();
        EventRouting.write(EventRouting.of(new ChatEvent.PresenceEvent(USER.toString(), "ann", "online", null,
                List.of(ROOM.toString()))), headers);
        assertEquals(0, headers.toArray().length);
        assertNull(EventRouting.read(headers), "route from the body");
    }

    @Test
    void unreadableHeadersMeanRouteFromTheBody() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventRouting.TYPE, ChatEvent.MESSAGE.getBytes(StandardCharsets.UTF_8));
        headers.add(EventRouting.SEQ, "seven".getBytes(StandardCharsets.UTF_8));
        assertNull(EventRouting.read(headers));
        assertNull(EventRouting.read(new RecordHeaders()));
    }
}
