package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatEvent.Routing;
import dev.chat.contracts.ServiceRequest.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** Who gets which room event on this instance, without a server: sessions over connections that record what they get. */
class EventFanoutTest {

    private static final String ROOM = "room-1";
    private static final String OTHER_ROOM = "room-2";

    private final SessionRegistry registry = new SessionRegistry(null, new SimpleMeterRegistry());
    private final EventFanout fanout = new EventFanout(registry, new ObjectMapper(), new SimpleMeterRegistry());
    private final Map<String, List<String>> received = new HashMap<>();
    private int connections;

    private ClientSession connect(String userId, String... rooms) {
        return open(userId, true, rooms);
    }

    /** A connection following the rooms; {@code welcomed}: its welcome has gone out. */
    private ClientSession open(String userId, boolean welcomed, String... rooms) {
        String connectionId = "c" + (++connections);
        List<String> frames = received.computeIfAbsent(connectionId, id -> new ArrayList<>());
        WebSocketConnection connection = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "id" -> connectionId;
                    case "sendText" -> {
                        frames.add((String) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ClientSession session = new ClientSession(connection, new Caller(userId, "name-" + userId, "s-" + connectionId),
                (s, roomId, afterSeq) -> {
                });
        registry.add(session);
        for (String room : rooms) {
            registry.follow(session, room, 0);
        }
        if (welcomed) {
            session.markReady();
        }
        return session;
    }

    @Test
    void roomEventsThatComeBeforeTheWelcomeFollowIt() {
        ClientSession alice = connect("alice", ROOM);
        ClientSession early = open("bob", false, ROOM);
        onEvent("{\"type\":\"member\",\"event\":\"joined\",\"roomId\":\"" + ROOM + "\",\"userId\":\"carol\"}");
        onEvent("{\"type\":\"message\",\"roomId\":\"" + ROOM + "\",\"seq\":1,\"text\":\"hi\"}");
        assertEquals(2, framesOf(alice).size(), "a welcomed connection gets both at once");
        early.deliver("{\"type\":\"welcome\"}".getBytes(StandardCharsets.UTF_8));
        early.markReady();
        List<String> types = framesOf(early).stream().map(f -> f.replaceAll(".*\"type\":\"([a-z]+)\".*", "$1")).toList();
        assertEquals(List.of("welcome", "member", "message"), types);
    }

    /** An event as it comes from Kafka without routing headers: read from its JSON. */
    private void onEvent(String json) {
        fanout.onEvent(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private List<String> framesOf(ClientSession session) {
        return received.get(session.id());
    }

    private static String message(String roomId, long seq) {
        return "{\"type\":\"message\",\"roomId\":\"" + roomId + "\",\"seq\":" + seq + ",\"text\":\"m" + seq + "\"}";
    }

    @Test
    void anEventWithRoutingHeadersIsRoutedByThemAndForwardedByteForByte() {
        ClientSession alice = connect("alice", ROOM);
        ClientSession bob = connect("bob", OTHER_ROOM);
        // The body names another room and no seq: only the headers' routing can bring it to alice as seq 1.
        byte[] frame = "{\"type\":\"message\",\"roomId\":\"elsewhere\",\"text\":\"h\u00e9llo \uD83D\uDC4B\"}"
                .getBytes(StandardCharsets.UTF_8);
        Routing routing = new Routing(ChatEvent.MESSAGE, ROOM, 1L, null, null, null, null, null);
        fanout.onEvent(frame, routing);
        fanout.onEvent(frame, routing);
        assertEquals(List.of(new String(frame, StandardCharsets.UTF_8)), framesOf(alice), "once, as published");
        assertTrue(framesOf(bob).isEmpty());
    }

    @Test
    void aMessageReachesTheRoomsConnectionsOnlyAndEachSeqOnce() {
        ClientSession alice = connect("alice", ROOM);
        ClientSession aliceSecondTab = connect("alice", ROOM);
        ClientSession bob = connect("bob", OTHER_ROOM);
        onEvent(message(ROOM, 1));
        onEvent(message(ROOM, 1));
        assertEquals(List.of(message(ROOM, 1)), framesOf(alice));
        assertEquals(List.of(message(ROOM, 1)), framesOf(aliceSecondTab));
        assertTrue(framesOf(bob).isEmpty());
    }

    @Test
    void typingGoesToEveryoneButTheTypist() {
        ClientSession alice = connect("alice", ROOM);
        ClientSession bob = connect("bob", ROOM);
        String typing = "{\"type\":\"typing\",\"roomId\":\"" + ROOM + "\",\"userId\":\"alice\",\"username\":\"alice\"}";
        onEvent(typing);
        assertTrue(framesOf(alice).isEmpty());
        assertEquals(List.of(typing), framesOf(bob));
    }

    @Test
    void anEventForOnePersonReachesOnlyThem() {
        ClientSession owner = connect("owner", ROOM);
        ClientSession member = connect("member", ROOM);
        ClientSession asker = connect("asker");
        String request = "{\"type\":\"join-request\",\"roomId\":\"" + ROOM + "\",\"userId\":\"asker\",\"toUserId\":\"owner\"}";
        onEvent(request);
        assertEquals(List.of(request), framesOf(owner));
        assertTrue(framesOf(member).isEmpty());
        assertTrue(framesOf(asker).isEmpty());
    }

    @Test
    void aJoinerFollowsTheRoomAndALeaverStops() {
        ClientSession alice = connect("alice", ROOM);
        ClientSession bob = connect("bob");
        String joined = "{\"type\":\"member\",\"roomId\":\"" + ROOM + "\",\"userId\":\"bob\",\"event\":\"joined\"}";
        onEvent(joined);
        onEvent(message(ROOM, 1));
        assertEquals(List.of(joined, message(ROOM, 1)), framesOf(bob), "bob sees his own join and what follows");
        assertTrue(bob.isMemberOf(ROOM));

        String left = "{\"type\":\"member\",\"roomId\":\"" + ROOM + "\",\"userId\":\"bob\",\"event\":\"left\"}";
        onEvent(left);
        onEvent(message(ROOM, 2));
        assertEquals(List.of(joined, message(ROOM, 1), left), framesOf(bob), "bob sees his leave, then nothing of the room");
        assertFalse(bob.isMemberOf(ROOM));
        assertEquals(List.of(joined, message(ROOM, 1), left, message(ROOM, 2)), framesOf(alice));
    }

    @Test
    void presenceReachesEachConnectionSharingARoomOnceWithoutTheRoomList() {
        ClientSession bob = connect("bob", ROOM, OTHER_ROOM);
        ClientSession carol = connect("carol", OTHER_ROOM);
        ClientSession stranger = connect("dave", "room-3");
        ClientSession alice = connect("alice", ROOM, OTHER_ROOM);
        onEvent("{\"type\":\"presence\",\"userId\":\"alice\",\"status\":\"online\",\"roomIds\":[\"" + ROOM + "\",\""
                + OTHER_ROOM + "\"]}");
        String delivered = "{\"type\":\"presence\",\"userId\":\"alice\",\"status\":\"online\"}";
        assertEquals(List.of(delivered), framesOf(bob), "once, though bob shares two rooms with alice");
        assertEquals(List.of(delivered), framesOf(carol));
        assertTrue(framesOf(stranger).isEmpty());
        assertTrue(framesOf(alice).isEmpty(), "never to the user themself");
    }

    @Test
    void aDeletedRoomIsAnnouncedThenNoLongerFollowed() {
        ClientSession alice = connect("alice", ROOM);
        String deleted = "{\"type\":\"room\",\"roomId\":\"" + ROOM + "\",\"event\":\"deleted\"}";
        onEvent(deleted);
        onEvent(message(ROOM, 1));
        onEvent("not json");
        assertEquals(List.of(deleted), framesOf(alice));
        assertFalse(alice.isMemberOf(ROOM));
    }
}
