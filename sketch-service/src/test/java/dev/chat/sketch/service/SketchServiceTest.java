package dev.chat.sketch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.GeneralRoom;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.SketchEvent;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.sketch.domain.CanvasOp;
import dev.chat.sketch.domain.CanvasState;
import dev.chat.sketch.repository.CanvasRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The canvas's rules on its real store (snapshots every 5 ops in tests, so reads go through snapshot + tail).
 * Memberships are given through the same path chat-service's events take, or through the events themselves.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "sketch-service"))
class SketchServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SketchService sketches;
    @Inject
    CanvasReader reader;
    @Inject
    MembershipChanges memberships;
    @Inject
    CanvasRepository canvases;
    @Inject
    CanvasStates states;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    private Caller user() {
        return new Caller(UUID.randomUUID().toString(), "u" + UUID.randomUUID().toString().substring(0, 6), "s");
    }

    private UUID room(Caller owner, Caller... members) {
        UUID room = UUID.randomUUID();
        await(memberships.joined(room, UUID.fromString(owner.userId()), true));
        for (Caller member : members) {
            await(memberships.joined(room, UUID.fromString(member.userId()), false));
        }
        return room;
    }

    private ObjectNode stroke(UUID room, UUID strokeId, int x) {
        ObjectNode frame = mapper.createObjectNode().put("roomId", room.toString()).put("strokeId", strokeId.toString())
                .put("color", "#1F6FEB").put("width", 4);
        frame.putArray("points").add(mapper.createArrayNode().add(x).add(10.4)).add(mapper.createArrayNode().add(x + 5).add(20));
        return frame;
    }

    private ObjectNode ref(UUID room, UUID strokeId) {
        ObjectNode body = mapper.createObjectNode().put("roomId", room.toString());
        if (strokeId != null) {
            body.put("strokeId", strokeId.toString());
        }
        return body;
    }

    private SketchEvent.StrokeEvent draw(Caller who, UUID room) {
        SketchOutcome outcome = await(sketches.stroke(who, stroke(room, UUID.randomUUID(), 100)));
        return (SketchEvent.StrokeEvent) assertInstanceOf(SketchOutcome.Stored.class, outcome).op();
    }

    private SketchEvent.Canvas canvasAt(Caller who, UUID room, Long atSeq) {
        ObjectNode query = ref(room, null);
        if (atSeq != null) {
            query.put("atSeq", atSeq.toString());
        }
        return assertInstanceOf(SketchOutcome.CanvasAt.class, await(reader.canvas(who, query))).canvas();
    }

    @Test
    void concurrentStrokesFromManyUsersGetGaplessSeqs() {
        Caller owner = user();
        List<Caller> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(user());
        }
        UUID room = room(owner, users.toArray(Caller[]::new));
        List<Uni<SketchOutcome>> strokes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            strokes.add(sketches.stroke(users.get(i % users.size()), stroke(room, UUID.randomUUID(), i)));
        }
        List<SketchOutcome> outcomes = await(Uni.join().all(strokes).andFailFast());
        List<Long> seqs = outcomes.stream().map(o -> ((SketchOutcome.Stored) o).op().seq()).sorted().toList();
        assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), seqs);
        assertEquals(40, canvasAt(owner, room, null).strokes().size());
    }

    @Test
    void aResentStrokeReturnsTheStoredOneAndAnotherUsersReuseIsRefused() {
        Caller ann = user();
        Caller bob = user();
        UUID room = room(ann, bob);
        UUID strokeId = UUID.randomUUID();
        var first = assertInstanceOf(SketchOutcome.Stored.class, await(sketches.stroke(ann, stroke(room, strokeId, 1))));
        var again = assertInstanceOf(SketchOutcome.Stored.class, await(sketches.stroke(ann, stroke(room, strokeId, 999))));
        assertTrue(first.created());
        assertEquals(false, again.created());
        assertEquals(first.op().seq(), again.op().seq());
        var stored = (SketchEvent.StrokeEvent) again.op();
        assertEquals(1, stored.points()[0][0], "the stored points, not the resend's");
        assertEquals(10, stored.points()[0][1], "coordinates are stored as whole units");
        assertEquals("#1f6feb", stored.color());
        var taken = assertInstanceOf(SketchOutcome.Conflict.class, await(sketches.stroke(bob, stroke(room, strokeId, 1))));
        assertEquals(ErrorCodes.STROKE_ID_TAKEN, taken.code());
        assertEquals(1, canvases.lastSeq(room).await().atMost(WAIT));
    }

    @Test
    void undoRedoAndClearFollowTheRules() {
        Caller owner = user();
        Caller ann = user();
        Caller bob = user();
        UUID room = room(owner, ann, bob);
        SketchEvent.StrokeEvent annStroke = draw(ann, room);
        SketchEvent.StrokeEvent bobStroke = draw(bob, room);

        var notAllowed = await(sketches.undo(ann, ref(room, bobStroke.strokeId())));
        assertInstanceOf(SketchOutcome.NotAllowed.class, notAllowed);
        var undone = assertInstanceOf(SketchOutcome.Applied.class, await(sketches.undo(ann, ref(room, null)))).op();
        assertEquals(SketchEvent.UNDO, undone.type());
        assertEquals(annStroke.strokeId(), ((SketchEvent.VisibilityEvent) undone).strokeId());
        assertEquals(ErrorCodes.NOTHING_TO_UNDO,
                assertInstanceOf(SketchOutcome.Conflict.class, await(sketches.undo(ann, ref(room, null)))).code());
        var byOwner = assertInstanceOf(SketchOutcome.Applied.class, await(sketches.undo(owner, ref(room, bobStroke.strokeId())))).op();
        assertEquals(bobStroke.strokeId(), ((SketchEvent.VisibilityEvent) byOwner).strokeId());
        assertEquals(List.of(), canvasAt(bob, room, null).strokes());

        var redone = assertInstanceOf(SketchOutcome.Applied.class, await(sketches.redo(ann, ref(room, null)))).op();
        assertEquals(SketchEvent.REDO, redone.type());
        assertEquals(List.of(annStroke.strokeId()),
                canvasAt(bob, room, null).strokes().stream().map(SketchEvent.StrokeEvent::strokeId).toList());
        assertEquals(ErrorCodes.NOTHING_TO_REDO,
                assertInstanceOf(SketchOutcome.Conflict.class, await(sketches.redo(bob, ref(room, null)))).code());

        var cleared = assertInstanceOf(SketchOutcome.Applied.class, await(sketches.clear(bob, ref(room, null)))).op();
        assertEquals(List.of(), canvasAt(ann, room, null).strokes());
        assertEquals(1, canvasAt(ann, room, cleared.seq() - 1).strokes().size(), "time travel still shows what was cleared");
    }

    @Test
    void timeTravelAtEverySeqEqualsAReplayOfTheWholeLog() {
        Caller ann = user();
        Caller bob = user();
        UUID room = room(ann, bob);
        for (int i = 0; i < 23; i++) {
            Caller who = i % 3 == 0 ? bob : ann;
            switch (i % 7) {
                case 4 -> await(sketches.undo(who, ref(room, null)));
                case 5 -> await(sketches.redo(who, ref(room, null)));
                case 6 -> {
                    if (i == 13) {
                        await(sketches.clear(who, ref(room, null)));
                    } else {
                        draw(who, room);
                    }
                }
                default -> draw(who, room);
            }
        }
        long last = canvases.lastSeq(room).await().atMost(WAIT);
        List<CanvasOp> log = canvases.opsAfter(room, 0, 1000).await().atMost(WAIT);
        assertEquals(last, log.size());
        CanvasState replay = new CanvasState();
        for (CanvasOp op : log) {
            replay.apply(op);
            List<Long> expected = replay.visibleStrokeSeqs();
            List<Long> shown = canvasAt(ann, room, op.seq()).strokes().stream().map(SketchEvent.StrokeEvent::seq).toList();
            assertEquals(expected, shown, "canvas at seq " + op.seq());
        }
        // The same from the snapshots alone: a state rebuilt from the newest snapshot and its tail is the replay's.
        states.forget(room);
        assertEquals(replay.snapshot(), states.load(canvases.pool(), room, last).await().atMost(WAIT).snapshot());
        assertTrue(last >= 20, "enough ops to cross several snapshots");
    }

    @Test
    void theOpLogPagesInSeqOrderAndResumeFillsExactlyTheGap() {
        Caller ann = user();
        UUID room = room(ann);
        for (int i = 0; i < 7; i++) {
            draw(ann, room);
        }
        ObjectNode query = ref(room, null).put("afterSeq", "2").put("limit", "3");
        var page = assertInstanceOf(SketchOutcome.OpsPage.class, await(reader.ops(ann, query)));
        assertEquals(List.of(3L, 4L, 5L), page.ops().stream().map(SketchEvent.Op::seq).toList());
        assertTrue(page.hasMore());
        var resume = assertInstanceOf(SketchOutcome.Resume.class, await(reader.resume(ann, ref(room, null).put("afterSeq", 4))));
        assertEquals(7, resume.seq());
        assertEquals(List.of(5L, 6L, 7L), resume.ops().stream().map(SketchEvent.Op::seq).toList());
        var ahead = assertInstanceOf(SketchOutcome.Resume.class, await(reader.resume(ann, ref(room, null).put("afterSeq", 99))));
        assertEquals(7, ahead.canvas().strokes().size(), "a client ahead of the canvas gets the whole canvas");
        assertInstanceOf(SketchOutcome.Svg.class, await(reader.svg(ann, ref(room, null))));
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        Caller ann = user();
        UUID room = room(ann);
        ObjectNode tooMany = stroke(room, UUID.randomUUID(), 1);
        var points = tooMany.putArray("points");
        for (int i = 0; i < 2001; i++) {
            points.add(mapper.createArrayNode().add(1).add(1));
        }
        ObjectNode outOfRange = stroke(room, UUID.randomUUID(), 1);
        outOfRange.putArray("points").add(mapper.createArrayNode().add(-1).add(10));
        ObjectNode notNumbers = stroke(room, UUID.randomUUID(), 1);
        notNumbers.putArray("points").add(mapper.createArrayNode().add("1").add(10));
        ObjectNode badColour = stroke(room, UUID.randomUUID(), 1).put("color", "red");
        ObjectNode badWidth = stroke(room, UUID.randomUUID(), 1).put("width", 0);
        ObjectNode badId = stroke(room, UUID.randomUUID(), 1).put("strokeId", "x");
        for (ObjectNode bad : List.of(tooMany, outOfRange, notNumbers, badColour, badWidth, badId)) {
            assertInstanceOf(SketchOutcome.Invalid.class, await(sketches.stroke(ann, bad)), bad.toString());
        }
        assertInstanceOf(SketchOutcome.Invalid.class, await(reader.canvas(ann, ref(room, null).put("atSeq", "-3"))));
        assertEquals(0, canvases.lastSeq(room).await().atMost(WAIT));
    }

    @Test
    void onlyMembersDrawAndReadAndTheGeneralRoomIsEveryones() {
        Caller ann = user();
        Caller stranger = user();
        UUID room = room(ann);
        assertInstanceOf(SketchOutcome.NotAMember.class, await(sketches.stroke(stranger, stroke(room, UUID.randomUUID(), 1))));
        assertInstanceOf(SketchOutcome.NotAMember.class, await(reader.canvas(stranger, ref(room, null))));
        assertInstanceOf(SketchOutcome.NoSuchRoom.class, await(reader.canvas(ann, ref(UUID.randomUUID(), null))));
        assertInstanceOf(SketchOutcome.Stored.class, await(sketches.stroke(stranger, stroke(GeneralRoom.ID, UUID.randomUUID(), 1))));
    }

    @Test
    void membershipFollowsChatServicesFeedAndADeletedRoomTakesItsCanvas() throws Exception {
        UUID room = UUID.randomUUID();
        Caller ann = user();
        Caller bob = user();
        UUID annId = UUID.fromString(ann.userId());
        UUID bobId = UUID.fromString(bob.userId());
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(props)) {
            send(producer, room, new ChatEvent.MemberEvent(room, annId, "ann", ChatEvent.JOINED, ChatEvent.OWNER));
            send(producer, room, new ChatEvent.MemberEvent(room, bobId, "bob", ChatEvent.JOINED, ChatEvent.MEMBER_ROLE));
            SketchEvent.StrokeEvent bobs = awaitStored(bob, room);
            // The owner (from the join's role) may undo anyone's stroke.
            assertInstanceOf(SketchOutcome.Applied.class, await(sketches.undo(ann, ref(room, bobs.strokeId()))));
            send(producer, room, new ChatEvent.MemberEvent(room, bobId, "bob", ChatEvent.LEFT, null));
            awaitOutcome(() -> sketches.stroke(bob, stroke(room, UUID.randomUUID(), 1)), SketchOutcome.NotAMember.class);
            send(producer, room, new ChatEvent.RoomEvent(room, ChatEvent.DELETED));
            awaitOutcome(() -> reader.canvas(ann, ref(room, null)), SketchOutcome.NoSuchRoom.class);
            assertEquals(0, canvases.lastSeq(room).await().atMost(WAIT), "the canvas is gone with its room");
            assertEquals(List.of(), canvases.opsAfter(room, 0, 10).await().atMost(WAIT));
        }
    }

    /** A stroke, retried until the membership it needs has arrived from the feed. */
    private SketchEvent.StrokeEvent awaitStored(Caller who, UUID room) {
        SketchOutcome stored = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> await(sketches.stroke(who, stroke(room, UUID.randomUUID(), 1))), SketchOutcome.Stored.class::isInstance);
        return (SketchEvent.StrokeEvent) ((SketchOutcome.Stored) stored).op();
    }

    private void awaitOutcome(Supplier<Uni<SketchOutcome>> call, Class<?> expected) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> await(call.get()), expected::isInstance);
    }

    private void send(KafkaProducer<String, String> producer, UUID room, ChatEvent event) throws Exception {
        // Keyed as chat-service keys its membership feed: roomId/userId for a member, roomId for the room.
        String key = event instanceof ChatEvent.MemberEvent member ? room + "/" + member.userId() : room.toString();
        producer.send(new ProducerRecord<>(Topics.CHAT_MEMBERSHIPS, key, mapper.writeValueAsString(event))).get();
    }
}
